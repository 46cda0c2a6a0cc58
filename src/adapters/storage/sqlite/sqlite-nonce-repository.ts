import type Database from 'better-sqlite3';
import type { NonceRepository, NonceUse } from '../../../application/ports/storage/nonce-repository.port';
import type { PortMethods, Synchronous } from './port-binding';

export const NONCE_REPOSITORY_METHODS: PortMethods<NonceRepository> = {
  remember: true,
  sweep: true,
};

/**
 * The synchronous body of {@link NonceRepository} over `oauth_nonces`.
 *
 * Invariants: one row per (client, token, timestamp, nonce), keyed by their JSON array (which tells a null token
 * from any string); `remember` is one `INSERT ... ON CONFLICT DO NOTHING`, so across processes exactly one caller
 * sees a nonce first; `sweep` deletes through the expiry index, touching only the expired rows.
 */
export class SqliteNonceRepository implements Synchronous<NonceRepository> {
  private readonly insert: Database.Statement<[string, number]>;
  private readonly deleteExpired: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO oauth_nonces (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
    );
    this.deleteExpired = db.prepare('DELETE FROM oauth_nonces WHERE expires_at < ?');
  }

  remember(use: NonceUse): boolean {
    const key = JSON.stringify([use.clientId, use.token, use.timestamp, use.nonce]);
    return this.insert.run(key, use.expiresAt.getTime()).changes > 0;
  }

  sweep(now: Date): number {
    return this.deleteExpired.run(now.getTime()).changes;
  }
}
