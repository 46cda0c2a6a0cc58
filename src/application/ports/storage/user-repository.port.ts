import type { EmailTokenRecord, PendingEmail } from '../../../domain/email/email-token';

/** A local account. The person it presents to the world is stored as an object under `profileId`. */
export interface UserRecord {
  /** Primary key, looked up exactly as registered; unique without regard to case (`nicknameKey`). */
  nickname: string;
  /** bcrypt hash (`$2a$`/`$2b$`), never the password. */
  passwordHash: string;
  profileId: string;
  /** The confirmed address (with `requireEmail`, only a confirmed one is ever here); shown to the user alone. */
  email?: string;
  /** An address waiting for its confirmation link to be followed (a registration, or a change of address). */
  pendingEmail?: PendingEmail;
  /** The one password recovery link that works, if any (a new request replaces it). */
  recovery?: EmailTokenRecord;
  /** Mail about activities addressed to the user (docs/protocol.md §6.2); on unless set to false, as pump.io. */
  emailNotifications?: boolean;
  /**
   * Set by an admin (ISO time): the account can neither log in nor act (docs: README "Admin tools"); its data
   * stays. Absent for an account in good standing.
   */
  disabled?: string;
  /** Browser sessions logged in before this ISO time are ended (a password reset by an admin sets it). */
  sessionsValidFrom?: string;
  /** Extra properties a client stored on the user (pump.io keeps them and echoes them to the owner). */
  extra?: Record<string, unknown>;
  published: string;
  updated: string;
  /**
   * When the account was deleted (DeleteUser). The record stays as the marker that keeps the nickname from being
   * registered again and lets the server still sign for the person's last activities (docs/protocol.md §7.1); it
   * holds no password, address or extra properties any more.
   */
  deleted?: string;
}

/**
 * Local accounts, keyed by nickname.
 *
 * Every adapter honours: `create` refuses a nickname that equals a stored one without regard to ASCII case
 * (`nicknameKey`: `Alice` beside `alice`) with a `conflict` DomainError with code `user.exists`, atomically against
 * a concurrent `create` (exactly one wins); `findByNickname`, `update` and `delete` take the nickname exactly as
 * stored; `findByProfileId` finds what `create`/`update` stored; `update` of a missing user throws `not-found`
 * (`user.not-found`); `delete` answers whether a user was removed; `findByEmail` answers every user whose confirmed
 * `email` equals the address without regard to case, in no particular order (a rare lookup: password recovery);
 * `findByLinkDigest` answers the user whose `pendingEmail.digest` or `recovery.digest` equals the digest, or null
 * (digests are of 24 random bytes: two users never share one).
 */
export interface UserRepository {
  create(user: UserRecord): Promise<void>;
  findByNickname(nickname: string): Promise<UserRecord | null>;
  findByProfileId(profileId: string): Promise<UserRecord | null>;
  findByEmail(address: string): Promise<UserRecord[]>;
  findByLinkDigest(digest: string): Promise<UserRecord | null>;
  update(user: UserRecord): Promise<void>;
  delete(nickname: string): Promise<boolean>;
  count(): Promise<number>;
}
export const UserRepository = Symbol('UserRepository');
