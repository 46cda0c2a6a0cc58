/** A local account. The person it presents to the world is stored as an object under `profileId`. */
export interface UserRecord {
  /** Primary key; case-sensitive, as in pump.io. */
  nickname: string;
  /** bcrypt hash (`$2a$`/`$2b$`), never the password. */
  passwordHash: string;
  profileId: string;
  email?: string;
  /** Extra properties a client stored on the user (pump.io keeps them and echoes them to the owner). */
  extra?: Record<string, unknown>;
  published: string;
  updated: string;
}

/**
 * Local accounts, keyed by nickname.
 *
 * Every adapter honours: `create` is atomic against a concurrent `create` of the same nickname (exactly one wins,
 * the other gets a `conflict` DomainError with code `user.exists`); `findByProfileId` finds what `create`/`update`
 * stored; `update` of a missing user throws `not-found` (`user.not-found`); `delete` answers whether a user was
 * removed.
 */
export interface UserRepository {
  create(user: UserRecord): Promise<void>;
  findByNickname(nickname: string): Promise<UserRecord | null>;
  findByProfileId(profileId: string): Promise<UserRecord | null>;
  update(user: UserRecord): Promise<void>;
  delete(nickname: string): Promise<boolean>;
  count(): Promise<number>;
}
export const UserRepository = Symbol('UserRepository');
