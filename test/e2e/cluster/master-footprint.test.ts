import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { assertBuilt } from '../pumphouse-process';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The packages a fresh Node process has loaded after requiring `modules` of the built command (dist/), read from
 * require.cache in a child process so that jest's own module registry plays no part.
 */
function packagesLoadedBy(modules: readonly string[]): string[] {
  const script = `
    for (const m of ${JSON.stringify(modules)}) require(m);
    const names = new Set();
    for (const file of Object.keys(require.cache)) {
      const at = file.lastIndexOf('node_modules/');
      if (at === -1) continue;
      const parts = file.slice(at + 13).split('/');
      names.add(parts[0].startsWith('@') ? parts[0] + '/' + parts[1] : parts[0]);
    }
    process.stdout.write(JSON.stringify([...names]));`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }),
  ) as string[];
}

// The master of `pumphouse start` serves no HTTP and opens no store (cluster-master.ts): the entry point and the
// master's modules must not load the web stack or the container, which cost it about 40 MiB of resident memory
// (docs/performance.md, "The master").
describe('the master process of pumphouse start', () => {
  beforeAll(() => assertBuilt());

  it('loads neither the web stack, the container nor the store through the command entry and the master', () => {
    const loaded = packagesLoadedBy([
      join(ROOT, 'dist', 'infrastructure', 'cli', 'main.js'),
      join(ROOT, 'dist', 'infrastructure', 'cluster', 'cluster-master.js'),
    ]);
    for (const heavy of [
      'express',
      'pug',
      'inversify',
      'better-sqlite3',
      'sharp',
      'sanitize-html',
      'nodemailer',
    ])
      expect(loaded).not.toContain(heavy);
  });
});
