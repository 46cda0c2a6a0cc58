import type Database from 'better-sqlite3';
import type {
  RemoteClientCredentials,
  RemoteClientRepository,
} from '../../../application/ports/storage/remote-client-repository.port';
import type { PortMethods, Synchronous } from './port-binding';

export const REMOTE_CLIENT_REPOSITORY_METHODS: PortMethods<RemoteClientRepository> = {
  find: true,
  save: true,
  remove: true,
};

interface RemoteClientRow {
  host: string;
  identity: string;
  client_id: string;
  client_secret: string;
  created: string;
}

/**
 * The synchronous body of {@link RemoteClientRepository} over `remote_clients`, keyed by (host, identity);
 * `remove` is one conditional DELETE, so it is a compare-and-delete across processes.
 */
export class SqliteRemoteClientRepository implements Synchronous<RemoteClientRepository> {
  private readonly select: Database.Statement<[string, string], RemoteClientRow>;
  private readonly upsert: Database.Statement<RemoteClientRow>;
  private readonly deleteIfCurrent: Database.Statement<[string, string, string]>;

  constructor(db: Database.Database) {
    this.select = db.prepare(
      'SELECT host, identity, client_id, client_secret, created FROM remote_clients WHERE host = ? AND identity = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO remote_clients (host, identity, client_id, client_secret, created)
       VALUES (@host, @identity, @client_id, @client_secret, @created)
       ON CONFLICT (host, identity) DO UPDATE SET
         client_id = excluded.client_id, client_secret = excluded.client_secret, created = excluded.created`,
    );
    this.deleteIfCurrent = db.prepare(
      'DELETE FROM remote_clients WHERE host = ? AND identity = ? AND client_id = ?',
    );
  }

  find(host: string, identity: string): RemoteClientCredentials | null {
    const row = this.select.get(host, identity);
    if (row === undefined) return null;
    return {
      host: row.host,
      identity: row.identity,
      clientId: row.client_id,
      clientSecret: row.client_secret,
      created: row.created,
    };
  }

  save(credentials: RemoteClientCredentials): void {
    this.upsert.run({
      host: credentials.host,
      identity: credentials.identity,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      created: credentials.created,
    });
  }

  remove(host: string, identity: string, clientId: string): boolean {
    return this.deleteIfCurrent.run(host, identity, clientId).changes > 0;
  }
}
