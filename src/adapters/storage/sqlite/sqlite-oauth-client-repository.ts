import type Database from 'better-sqlite3';
import type {
  OAuthClient,
  OAuthClientRepository,
} from '../../../application/ports/storage/oauth-client-repository.port';
import { conflict, notFound } from '../../../domain/errors/domain-error';
import type { PortMethods, Synchronous } from './port-binding';
import { isUniqueViolation } from './sqlite-errors';

export const OAUTH_CLIENT_REPOSITORY_METHODS: PortMethods<OAuthClientRepository> = {
  create: true,
  findById: true,
  update: true,
};

/**
 * The synchronous body of {@link OAuthClientRepository} over the `oauth_clients` table.
 *
 * Invariants: the record is stored whole as JSON under its consumer key; a duplicate key is refused by the
 * primary key itself (atomic across processes) and reported as `conflict` `client.exists`.
 */
export class SqliteOAuthClientRepository implements Synchronous<OAuthClientRepository> {
  private readonly insert: Database.Statement<[string, string]>;
  private readonly selectById: Database.Statement<[string], string>;
  private readonly replace: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO oauth_clients (id, doc) VALUES (?, ?)');
    this.selectById = db.prepare<[string], string>('SELECT doc FROM oauth_clients WHERE id = ?').pluck();
    this.replace = db.prepare('UPDATE oauth_clients SET doc = ? WHERE id = ?');
  }

  create(client: OAuthClient): void {
    try {
      this.insert.run(client.id, JSON.stringify(client));
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('client.exists', `The client ${client.id} already exists.`);
      throw error;
    }
  }

  findById(id: string): OAuthClient | null {
    const doc = this.selectById.get(id);
    return doc === undefined ? null : (JSON.parse(doc) as OAuthClient);
  }

  update(client: OAuthClient): void {
    if (this.replace.run(JSON.stringify(client), client.id).changes === 0) {
      throw notFound('client.not-found', `No client ${client.id}.`);
    }
  }
}
