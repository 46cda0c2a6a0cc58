import 'reflect-metadata';

import { readFileSync, writeFileSync } from 'node:fs';

import { format, resolveConfig } from 'prettier';

import { README_PATH, TABLE_END, TABLE_START, everyKeyTable } from './every-key-table';

/** Rewrites the README's table from the settings table, formatted as `npm run format` would. */
async function main(): Promise<void> {
  const readme = readFileSync(README_PATH, 'utf8');
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no every-key table markers');
  const updated = `${readme.slice(0, start + TABLE_START.length)}\n\n${everyKeyTable()}\n\n${readme.slice(end)}`;
  const options = await resolveConfig(README_PATH);
  writeFileSync(README_PATH, await format(updated, { ...options, filepath: README_PATH }));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  });
}
