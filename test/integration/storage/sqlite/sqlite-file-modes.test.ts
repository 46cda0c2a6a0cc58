import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { openSqliteStorage } from '../../../../src/adapters/storage/sqlite/sqlite-storage';
import { makeTempDir } from './sqlite-test-support';

const clock = { now: () => new Date() };
const modeOf = (file: string): string => (statSync(file).mode & 0o777).toString(8);
const storeFiles = (file: string): string[] => ['', '-wal', '-shm'].map((suffix) => `${file}${suffix}`);

describe('SQLite store files', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('are created owner-only (0600), the -wal and -shm files too, whatever the umask allows', async () => {
    const file = path.join(temp.dir, 'fresh.sqlite');
    const storage = openSqliteStorage({ file, clock });
    try {
      for (const each of storeFiles(file)) {
        expect(existsSync(each)).toBe(true);
        expect(`${path.basename(each)} ${modeOf(each)}`).toBe(`${path.basename(each)} 600`);
      }
    } finally {
      await storage.close();
    }
  });

  it('are made owner-only again when an earlier version left them readable by all', async () => {
    const file = path.join(temp.dir, 'older.sqlite');
    const older = new Database(file);
    older.pragma('journal_mode = WAL');
    older.exec('CREATE TABLE kept (id INTEGER)');
    for (const each of storeFiles(file)) if (existsSync(each)) expect(modeOf(each)).toBe('644');
    const storage = openSqliteStorage({ file, clock });
    try {
      for (const each of storeFiles(file))
        expect(`${path.basename(each)} ${modeOf(each)}`).toBe(`${path.basename(each)} 600`);
    } finally {
      await storage.close();
      older.close();
    }
  });
});
