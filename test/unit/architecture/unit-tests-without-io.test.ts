import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Unit tests do no I/O (docs/architecture.md §8): no socket, no child process, no database, no temporary folder,
 * no file written. They may read the repository's own files as data (the architecture tests do), so reading
 * functions of node:fs are allowed and writing ones are not. This test reads test/unit and fails on a file that
 * imports what does I/O; such a test belongs in test/integration.
 */
const root = path.resolve(__dirname, '../../..');

/** Modules whose use is I/O, by import specifier. */
const IO_MODULES: readonly RegExp[] = [
  /^node:(child_process|cluster|dgram|dns|http|http2|https|net|os|tls|worker_threads)$/,
  /^(supertest|better-sqlite3|mongodb)$/,
  /\/src\/adapters\/storage\/sqlite\//,
  // Open files, sockets or a database as they start: tested in test/integration.
  /\/src\/infrastructure\/(config\/config\.loader|config\/secret-file|container\/container|control\/control-server|cli\/start\.command)$/,
];

/** node:fs functions that change the file system. */
const FS_WRITES =
  /\b(writeFile|appendFile|mkdir|mkdtemp|rm|rmdir|unlink|rename|copyFile|chmod|chown|symlink|open|createWriteStream)(Sync)?\b/;

function testFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return testFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

function ioProblems(file: string, source: string): string[] {
  const problems: string[] = [];
  for (const [statement, specifier] of source.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gm)) {
    if (statement.startsWith('import type')) continue;
    if (IO_MODULES.some((pattern) => pattern.test(specifier))) problems.push(`${file} imports ${specifier}`);
    if (
      /^(node:)?fs(\/promises)?$/.test(specifier) &&
      (FS_WRITES.test(statement) || !statement.includes('{'))
    ) {
      problems.push(`${file} writes to the file system (${specifier})`);
    }
  }
  return problems;
}

describe('unit tests', () => {
  it('import nothing that does I/O', () => {
    const problems = testFiles('test/unit').flatMap((file) =>
      ioProblems(file, readFileSync(path.join(root, file), 'utf8')),
    );
    expect(problems).toEqual([]);
  });

  it('are caught importing a socket, a temporary folder or a file write', () => {
    expect(ioProblems('a.ts', "import request from 'supertest';")).toEqual(['a.ts imports supertest']);
    expect(ioProblems('b.ts', "import { tmpdir } from 'node:os';")).toEqual(['b.ts imports node:os']);
    expect(ioProblems('c.ts', "import { readFileSync, writeFileSync } from 'node:fs';")).toEqual([
      'c.ts writes to the file system (node:fs)',
    ]);
    expect(ioProblems('d.ts', "import { readFileSync } from 'node:fs';")).toEqual([]);
  });
});
