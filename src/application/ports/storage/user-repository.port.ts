/** A local account. The person it presents to the world is stored as an object under `profileId`. */
export interface UserRecord {
  /** Primary key, looked up exactly as registered; unique without regard to case (`nicknameKey`). */
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
 * Every adapter honours: `create` refuses a nickname that equals a stored one without regard to ASCII case
 * (`nicknameKey`: `Alice` beside `alice`) with a `conflict` DomainError with code `user.exists`, atomically against
 * a concurrent `create` (exactly one wins); `findByNickname`, `update` and `delete` take the nickname exactly as
 * stored; `findByProfileId` finds what `create`/`update` stored; `update` of a missing user throws `not-found`
 * (`user.not-found`); `delete` answers whether a user was removed.
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
