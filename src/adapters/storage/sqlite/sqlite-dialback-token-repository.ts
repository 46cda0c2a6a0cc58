import type Database from 'better-sqlite3';
import type {
  DialbackTokenRepository,
  SentDialbackToken,
} from '../../../application/ports/storage/dialback-token-repository.port';
import { sentTokenKey } from '../memory/memory-dialback-token-repository';
import type { PortMethods, Synchronous } from './port-binding';

export const DIALBACK_TOKEN_REPOSITORY_METHODS: PortMethods<DialbackTokenRepository> = {
  remember: true,
  wasSent: true,
  sweep: true,
};

/**
 * The synchronous body of {@link DialbackTokenRepository} over `dialback_tokens`: one row per sent token, keyed by
 * the JSON array of its four parts, with its expiry; remembering again keeps the later expiry.
 */
export class SqliteDialbackTokenRepository implements Synchronous<DialbackTokenRepository> {
  private readonly upsert: Database.Statement<[string, number]>;
  private readonly expiryOf: Database.Statement<[string], { expires_at: number }>;
  private readonly deleteExpired: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO dialback_tokens (key, expires_at) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET expires_at = max(expires_at, excluded.expires_at)`,
    );
    this.expiryOf = db.prepare('SELECT expires_at FROM dialback_tokens WHERE key = ?');
    this.deleteExpired = db.prepare('DELETE FROM dialback_tokens WHERE expires_at < ?');
  }

  remember(sent: SentDialbackToken): void {
    this.upsert.run(sentTokenKey(sent), sent.expiresAt.getTime());
  }

  wasSent(query: Omit<SentDialbackToken, 'expiresAt'>, now: Date): boolean {
    const row = this.expiryOf.get(sentTokenKey(query));
    return row !== undefined && row.expires_at >= now.getTime();
  }

  sweep(now: Date): number {
    return this.deleteExpired.run(now.getTime()).changes;
  }
}
