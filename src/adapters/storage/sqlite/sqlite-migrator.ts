import type Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS, type SqliteMigration } from './sqlite-migrations';

/**
 * Brings the schema of `db` up to the last migration and answers the version it ends at.
 *
 * Invariants: the version check and every step it applies happen in ONE `BEGIN IMMEDIATE` transaction, so two
 * processes opening the same new file at once serialise: the second waits for the lock, then finds the schema
 * current and applies nothing. A failing step leaves the database as it was. `PRAGMA user_version` records the
 * version; it is part of the transaction. A database newer than this build is refused rather than guessed at.
 */
export function migrateSqliteSchema(
  db: Database.Database,
  migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS,
): number {
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
  const migrate = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) {
      throw new Error(
        `The database schema is at version ${current}, newer than this build knows (${latest}): ` +
          'run a newer Pumphouse on it.',
      );
    }
    for (const step of migrations) {
      if (step.version <= current) continue;
      db.exec(step.sql);
      // An integer we produced, never caller input: PRAGMA takes no bound parameters.
      db.pragma(`user_version = ${Math.trunc(step.version)}`);
    }
    return Math.max(current, latest);
  });
  return migrate.immediate();
}
