import type Database from 'better-sqlite3';
import type { SessionRepository } from '../../../application/ports/storage/session-repository.port';
import type { PortMethods, Synchronous } from './port-binding';

export const SESSION_REPOSITORY_METHODS: PortMethods<SessionRepository> = {
  get: true,
  set: true,
  touch: true,
  destroy: true,
  sweep: true,
  destroyOfUser: true,
};

/**
 * The synchronous body of {@link SessionRepository} over `sessions`.
 *
 * Invariants: `get` filters on the expiry itself (a session is expired once `expires_at <= now`), so an expired
 * row is never served whether or not a sweep has run; `sweep` deletes through the expiry index, touching only
 * the rows that expired before `now`. Every method is one statement, hence atomic across processes.
 */
export class SqliteSessionRepository implements Synchronous<SessionRepository> {
  private readonly selectLive: Database.Statement<[string, number], string>;
  private readonly upsert: Database.Statement<[string, string, number]>;
  private readonly updateExpiry: Database.Statement<[number, string, number]>;
  private readonly deleteBySid: Database.Statement<[string]>;
  private readonly deleteExpired: Database.Statement<[number]>;
  private readonly deleteOfUser: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.selectLive = db
      .prepare<[string, number], string>('SELECT data FROM sessions WHERE sid = ? AND expires_at > ?')
      .pluck();
    this.upsert = db.prepare(
      `INSERT INTO sessions (sid, data, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
    );
    this.updateExpiry = db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ? AND expires_at > ?');
    this.deleteBySid = db.prepare('DELETE FROM sessions WHERE sid = ?');
    this.deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
    // The expression matches the index of migration 10 (sessions_by_user) word for word, so SQLite uses it.
    this.deleteOfUser = db.prepare("DELETE FROM sessions WHERE json_extract(data, '$.user.nickname') = ?");
  }

  get(sid: string, now: Date): Record<string, unknown> | null {
    const data = this.selectLive.get(sid, now.getTime());
    return data === undefined ? null : (JSON.parse(data) as Record<string, unknown>);
  }

  set(sid: string, data: Record<string, unknown>, expiresAt: Date): void {
    this.upsert.run(sid, JSON.stringify(data), expiresAt.getTime());
  }

  touch(sid: string, expiresAt: Date, now: Date): boolean {
    return this.updateExpiry.run(expiresAt.getTime(), sid, now.getTime()).changes > 0;
  }

  destroy(sid: string): void {
    this.deleteBySid.run(sid);
  }

  sweep(now: Date): number {
    return this.deleteExpired.run(now.getTime()).changes;
  }

  destroyOfUser(nickname: string): number {
    return this.deleteOfUser.run(nickname).changes;
  }
}
