import { join } from 'node:path';

import { SETTING_ENTRIES } from '../src/infrastructure/config/settings.table';

/** The README's "Every key" table sits between these two lines. */
export const TABLE_START =
  '<!-- every-key table: generated from src/infrastructure/config/settings.table.ts by `npm run docs:config` -->';
export const TABLE_END = '<!-- end of the every-key table -->';

export const README_PATH = join(__dirname, '..', 'README.md');

const HEADER = ['Key', 'Type', 'Default', 'Meaning', 'Acts on it'];

/** A markdown table cell: a `|` would end the cell, unless escaped. */
const cell = (text: string): string => text.replace(/(?<!\\)\|/g, '\\|');

/** The table's rows, cell by cell, as the README shows them (unescaped). */
export function everyKeyRows(): string[][] {
  return SETTING_ENTRIES.map(([name, spec]) => [
    `\`${name}\``,
    spec.readme.type,
    spec.readme.default,
    spec.readme.meaning,
    spec.effect.acts ? 'yes' : `no: ${spec.effect.meaning}`,
  ]);
}

/** The markdown table, before prettier aligns its columns. */
export function everyKeyTable(): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(HEADER), line(HEADER.map(() => '---')), ...everyKeyRows().map(line)].join('\n');
}

/** The rows of the table between the markers of `readme`, cell by cell (unescaped), without header. */
export function readmeRows(readme: string): string[][] {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no every-key table markers');
  return readme
    .slice(start + TABLE_START.length, end)
    .split('\n')
    .filter((row) => row.trim().startsWith('|'))
    .slice(2)
    .map((row) =>
      row
        .trim()
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((text) => text.trim().replace(/\\\|/g, '|')),
    );
}
