import path from 'node:path';
import Database from 'better-sqlite3';
import {
  SQLITE_MIGRATIONS,
  type SqliteMigration,
} from '../../../../src/adapters/storage/sqlite/sqlite-migrations';
import { migrateSqliteSchema } from '../../../../src/adapters/storage/sqlite/sqlite-migrator';
import { openSqliteStorage } from '../../../../src/adapters/storage/sqlite/sqlite-storage';
import { makeTempDir, startScript } from './sqlite-test-support';

const LATEST = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1].version;
const clock = { now: () => new Date() };
const RACES = 20;

const userVersion = (db: Database.Database): number => db.pragma('user_version', { simple: true }) as number;
const tableNames = (db: Database.Database): string[] =>
  db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all()
    .sort();

// Plain CREATE TABLE (no IF NOT EXISTS): applying a step twice would throw.
const step = (version: number, table: string): SqliteMigration => ({
  version,
  description: table,
  sql: `CREATE TABLE ${table} (id INTEGER PRIMARY KEY)`,
});

describe('SQLite schema migrations', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('numbers the steps 1, 2, 3... with no gap', () => {
    expect(SQLITE_MIGRATIONS.map((migration) => migration.version)).toEqual(
      SQLITE_MIGRATIONS.map((_, index) => index + 1),
    );
  });

  it('migrates a fresh file at open, and reopening it changes nothing and keeps the data', async () => {
    const file = path.join(temp.dir, 'fresh.sqlite');
    const first = openSqliteStorage({ file, clock });
    await first.objects.save({ id: 'urn:note:1', objectType: 'note' });
    await first.close();

    const inspect = new Database(file, { readonly: true });
    const tables = tableNames(inspect);
    expect(userVersion(inspect)).toBe(LATEST);
    inspect.close();
    expect(tables).toEqual(
      expect.arrayContaining(['users', 'objects', 'activities', 'stream_items', 'jobs']),
    );

    const again = openSqliteStorage({ file, clock });
    expect(await again.objects.findById('urn:note:1')).toEqual({ id: 'urn:note:1', objectType: 'note' });
    await again.close();
    const reopened = new Database(file, { readonly: true });
    expect([userVersion(reopened), tableNames(reopened)]).toEqual([LATEST, tables]);
    reopened.close();
  });

  it('opens a store that holds nicknames differing only in case from before that rule', async () => {
    const file = path.join(temp.dir, 'case-variants.sqlite');
    const old = new Database(file);
    migrateSqliteSchema(old, SQLITE_MIGRATIONS.slice(0, 5));
    const insert = old.prepare('INSERT INTO users (nickname, profile_id, doc) VALUES (?, ?, ?)');
    for (const nickname of ['alice', 'Alice']) {
      insert.run(
        nickname,
        `acct:${nickname}@x`,
        JSON.stringify({ nickname, profileId: `acct:${nickname}@x` }),
      );
    }
    old.close();
    const store = openSqliteStorage({ file, clock });
    expect((await store.users.findByNickname('Alice'))?.nickname).toBe('Alice');
    expect(await store.users.count()).toBe(2);
    await store.close();
  });

  it('applies only the steps a database lacks, and nothing on a current one', () => {
    const db = new Database(':memory:');
    expect(migrateSqliteSchema(db, [step(1, 'one')])).toBe(1);
    expect(migrateSqliteSchema(db, [step(1, 'one'), step(2, 'two')])).toBe(2);
    expect(migrateSqliteSchema(db, [step(1, 'one'), step(2, 'two')])).toBe(2);
    expect([userVersion(db), tableNames(db)]).toEqual([2, ['one', 'two']]);
    db.close();
  });

  it('leaves the database untouched when a step fails', () => {
    const db = new Database(':memory:');
    const broken: SqliteMigration = { version: 2, description: 'broken', sql: 'CREATE TABLE oops (' };
    expect(() => migrateSqliteSchema(db, [step(1, 'one'), broken])).toThrow();
    expect([userVersion(db), tableNames(db)]).toEqual([0, []]);
    db.close();
  });

  it('refuses a database migrated by a newer build', () => {
    const db = new Database(':memory:');
    migrateSqliteSchema(db, [step(1, 'one'), step(2, 'two')]);
    expect(() => migrateSqliteSchema(db, [step(1, 'one')])).toThrow(/newer than this build/);
    db.close();
  });

  it('lets two processes open the same new files at the same moment', async () => {
    // Each race is short, so run several: the two processes meet before each file of the same list.
    const files = Array.from({ length: RACES }, (_, n) => path.join(temp.dir, `raced-${n}.sqlite`));
    const openers = ['a', 'b'].map((me, index, names) =>
      startScript('open-store.script.ts', [me, names[1 - index], ...files]),
    );
    const results = await Promise.all(openers.map((opener) => opener.exited(30_000)));

    for (const result of results) {
      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout.match(/^version \d+$/gm)).toEqual(files.map(() => `version ${LATEST}`));
    }
    for (const file of files) {
      const db = new Database(file, { readonly: true });
      expect([db.pragma('integrity_check', { simple: true }), userVersion(db)]).toEqual(['ok', LATEST]);
      db.close();
    }
  }, 40_000);
});
