import type Database from 'better-sqlite3';
import type { UserRecord, UserRepository } from '../../../application/ports/storage/user-repository.port';
import { emailKey } from '../../../domain/email/email-address';
import { conflict, notFound } from '../../../domain/errors/domain-error';
import type { PortMethods, Synchronous } from './port-binding';
import { isUniqueViolation } from './sqlite-errors';

export const USER_REPOSITORY_METHODS: PortMethods<UserRepository> = {
  create: true,
  findByNickname: true,
  findByProfileId: true,
  findByEmail: true,
  findByLinkDigest: true,
  update: true,
  delete: true,
  count: true,
};

interface DocRow {
  doc: string;
}

/**
 * The synchronous body of {@link UserRepository} over the `users` table (bound to the port by `bindPort`).
 *
 * Invariants: the record is stored whole as JSON, with `nickname` (case-sensitive primary key) and `profile_id`
 * (unique) beside it for lookups; a duplicate is refused by the unique indexes, and a case variant of a stored
 * nickname by the insert statement itself (SQLite's `lower` folds ASCII, all a nickname may hold), so two
 * processes creating one nickname at once cannot both win; either refusal becomes `conflict` `user.exists`.
 */
export class SqliteUserRepository implements Synchronous<UserRepository> {
  private readonly insert: Database.Statement<[string, string, string, string]>;
  private readonly selectByNickname: Database.Statement<[string], DocRow>;
  private readonly selectByProfileId: Database.Statement<[string], DocRow>;
  private readonly selectByEmail: Database.Statement<[string], DocRow>;
  private readonly selectByLinkDigest: Database.Statement<[string, string], DocRow>;
  private readonly replace: Database.Statement<[string, string, string]>;
  private readonly deleteByNickname: Database.Statement<[string]>;
  private readonly countAll: Database.Statement<[], { n: number }>;

  constructor(db: Database.Database) {
    // One statement, so the check and the insert happen under one write lock, whichever process runs them.
    this.insert = db.prepare(
      'INSERT INTO users (nickname, profile_id, doc) SELECT ?, ?, ? ' +
        'WHERE NOT EXISTS (SELECT 1 FROM users WHERE lower(nickname) = lower(?))',
    );
    this.selectByNickname = db.prepare('SELECT doc FROM users WHERE nickname = ?');
    this.selectByProfileId = db.prepare('SELECT doc FROM users WHERE profile_id = ?');
    // No index: a lookup by address is rare (password recovery, itself rate limited), a scan of users is cheap.
    this.selectByEmail = db.prepare("SELECT doc FROM users WHERE lower(json_extract(doc, '$.email')) = ?");
    // The same for the one-time links of mails: followed once or twice per account.
    this.selectByLinkDigest = db.prepare(
      "SELECT doc FROM users WHERE json_extract(doc, '$.pendingEmail.digest') = ? " +
        "OR json_extract(doc, '$.recovery.digest') = ? LIMIT 1",
    );
    this.replace = db.prepare('UPDATE users SET profile_id = ?, doc = ? WHERE nickname = ?');
    this.deleteByNickname = db.prepare('DELETE FROM users WHERE nickname = ?');
    this.countAll = db.prepare('SELECT count(*) AS n FROM users');
  }

  create(user: UserRecord): void {
    let inserted: number;
    try {
      inserted = this.insert.run(user.nickname, user.profileId, JSON.stringify(user), user.nickname).changes;
    } catch (error) {
      if (isUniqueViolation(error)) inserted = 0;
      else throw error;
    }
    if (inserted === 0) throw conflict('user.exists', `The user ${user.nickname} already exists.`);
  }

  findByNickname(nickname: string): UserRecord | null {
    return parseUser(this.selectByNickname.get(nickname));
  }

  findByProfileId(profileId: string): UserRecord | null {
    return parseUser(this.selectByProfileId.get(profileId));
  }

  findByEmail(address: string): UserRecord[] {
    return this.selectByEmail.all(emailKey(address)).map((row) => JSON.parse(row.doc) as UserRecord);
  }

  findByLinkDigest(digest: string): UserRecord | null {
    return parseUser(this.selectByLinkDigest.get(digest, digest));
  }

  update(user: UserRecord): void {
    let changes: number;
    try {
      changes = this.replace.run(user.profileId, JSON.stringify(user), user.nickname).changes;
    } catch (error) {
      // Only the profile id can collide here: the nickname is the row being updated.
      if (isUniqueViolation(error)) {
        throw conflict('user.profile-taken', `Another user already presents ${user.profileId}.`);
      }
      throw error;
    }
    if (changes === 0) throw notFound('user.not-found', `No user ${user.nickname}.`);
  }

  delete(nickname: string): boolean {
    return this.deleteByNickname.run(nickname).changes > 0;
  }

  count(): number {
    return (this.countAll.get() as { n: number }).n;
  }
}

const parseUser = (row: DocRow | undefined): UserRecord | null =>
  row === undefined ? null : (JSON.parse(row.doc) as UserRecord);
