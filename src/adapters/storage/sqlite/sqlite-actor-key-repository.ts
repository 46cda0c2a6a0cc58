import type Database from 'better-sqlite3';
import type {
  ActorKeyPair,
  ActorKeyRepository,
} from '../../../application/ports/storage/actor-key-repository.port';
import type { PortMethods, Synchronous } from './port-binding';

export const ACTOR_KEY_REPOSITORY_METHODS: PortMethods<ActorKeyRepository> = {
  find: true,
  addIfAbsent: true,
  remove: true,
};

interface ActorKeyRow {
  nickname: string;
  public_key_pem: string;
  private_key_pem: string;
  created: string;
}

const toPair = (row: ActorKeyRow): ActorKeyPair => ({
  nickname: row.nickname,
  publicKeyPem: row.public_key_pem,
  privateKeyPem: row.private_key_pem,
  created: row.created,
});

/**
 * The synchronous body of {@link ActorKeyRepository} over `actor_keys`: `addIfAbsent` is an INSERT that ignores a
 * conflict followed by a read, inside one call, so the pair that first reached the table is the one every caller
 * gets back.
 */
export class SqliteActorKeyRepository implements Synchronous<ActorKeyRepository> {
  private readonly select: Database.Statement<[string], ActorKeyRow>;
  private readonly insertIfAbsent: Database.Statement<ActorKeyRow>;
  private readonly deleteOne: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.select = db.prepare(
      'SELECT nickname, public_key_pem, private_key_pem, created FROM actor_keys WHERE nickname = ?',
    );
    this.insertIfAbsent = db.prepare(
      `INSERT INTO actor_keys (nickname, public_key_pem, private_key_pem, created)
       VALUES (@nickname, @public_key_pem, @private_key_pem, @created)
       ON CONFLICT (nickname) DO NOTHING`,
    );
    this.deleteOne = db.prepare('DELETE FROM actor_keys WHERE nickname = ?');
  }

  find(nickname: string): ActorKeyPair | null {
    const row = this.select.get(nickname);
    return row === undefined ? null : toPair(row);
  }

  addIfAbsent(pair: ActorKeyPair): ActorKeyPair {
    this.insertIfAbsent.run({
      nickname: pair.nickname,
      public_key_pem: pair.publicKeyPem,
      private_key_pem: pair.privateKeyPem,
      created: pair.created,
    });
    const stored = this.select.get(pair.nickname);
    // The INSERT either stored the pair or found one: a row is there now.
    if (stored === undefined) throw new Error(`actor_keys: no row for ${pair.nickname} after INSERT`);
    return toPair(stored);
  }

  remove(nickname: string): boolean {
    return this.deleteOne.run(nickname).changes > 0;
  }
}
