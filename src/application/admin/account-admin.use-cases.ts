import { ALL_USERS_STREAM } from '../../domain/distribution/stream-names';
import { notFound } from '../../domain/errors/domain-error';
import { assertAcceptablePassword } from '../../domain/users/password';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { PasswordHasher } from '../ports/password-hasher.port';
import type { Repositories, UnitOfWork } from '../ports/storage/unit-of-work.port';
import type { UserRecord } from '../ports/storage/user-repository.port';
import { isoSeconds } from '../users/timestamps';

/** A local account as the admin tools show it. */
export interface AccountSummary {
  readonly nickname: string;
  readonly email: string | null;
  readonly published: string;
  /** ISO time it was disabled, or null. */
  readonly disabled: string | null;
}

/** A generated password: 18 random bytes, 24 URL-safe characters, far past the password rules. */
const GENERATED_PASSWORD_BYTES = 18;

/** A new password for an admin command: the one given (checked like a registration's), or a generated one. */
export function passwordOrGenerated(
  given: string | undefined,
  ids: IdGenerator,
): { password: string; generated: boolean } {
  if (given !== undefined) return { password: assertAcceptablePassword(given), generated: false };
  return { password: ids.token(GENERATED_PASSWORD_BYTES), generated: true };
}

const summaryOf = (user: UserRecord): AccountSummary => ({
  nickname: user.nickname,
  email: user.email ?? null,
  published: user.published,
  disabled: user.disabled ?? null,
});

async function accountOrFail(users: Repositories['users'], nickname: string): Promise<UserRecord> {
  const user = await users.findByNickname(nickname);
  if (user === null) throw notFound('user.not-found', `No user named ${nickname}.`);
  return user;
}

/**
 * The local accounts for the admin tools (`pumphouse ctl users list`, `/main/admin/users`): every account of the
 * `user:all` list, oldest first, optionally only those whose nickname or address contains `search` (any case).
 *
 * Invariants: reads only; a nickname whose user is gone is skipped.
 */
export class ListAccounts {
  constructor(private readonly repositories: Pick<Repositories, 'users' | 'streams'>) {}

  async execute(search = ''): Promise<AccountSummary[]> {
    const { streams, users } = this.repositories;
    const count = await streams.count(ALL_USERS_STREAM);
    const nicknames = count === 0 ? [] : await streams.page(ALL_USERS_STREAM, { offset: 0, count });
    const wanted = search.trim().toLowerCase();
    const records = await Promise.all(nicknames.map((nickname) => users.findByNickname(nickname)));
    return records
      .filter((user): user is UserRecord => user !== null)
      .map(summaryOf)
      .filter(
        (account) =>
          wanted === '' ||
          account.nickname.toLowerCase().includes(wanted) ||
          (account.email ?? '').toLowerCase().includes(wanted),
      )
      .reverse();
  }
}

/**
 * Disables or enables an account (`ctl users disable|enable`, the admin page). A disabled account keeps all its
 * data, its tokens included; AccountStanding refuses it everywhere while it is disabled (the login forms, every
 * OAuth 1 and OAuth 2 token with a 403 "Account disabled.", and its browser sessions, which end).
 *
 * Invariants: unknown nickname → 404 `user.not-found`; disabling a disabled account keeps its first date;
 * enabling an enabled one changes nothing; enabling gives the tokens back, not the ended sessions.
 */
export class SetAccountDisabled {
  constructor(
    private readonly storage: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(nickname: string, disabled: boolean): Promise<AccountSummary> {
    return this.storage.run(async (tx) => {
      const user = await accountOrFail(tx.users, nickname);
      if (!disabled) {
        const { disabled: _was, ...enabled } = user;
        if (user.disabled !== undefined) await tx.users.update(enabled);
        return summaryOf(enabled);
      }
      const changed: UserRecord = { ...user, disabled: user.disabled ?? this.clock.now().toISOString() };
      await tx.users.update(changed);
      return summaryOf(changed);
    });
  }
}

/** A reset password; `password` is set only when it was generated, to be shown once. */
export interface PasswordReset {
  readonly nickname: string;
  /** The account's confirmed address, or null: where a recovery link could be mailed. */
  readonly email: string | null;
  readonly generatedPassword: string | null;
}

/**
 * An admin's password reset (`ctl users reset-password`, the admin page): sets the given password (checked like a
 * registration's: 400 "Bad password") or a generated one, ends every browser session of the user and revokes
 * every OAuth 1 access token and OAuth 2 bearer token, in one unit of work.
 *
 * Invariants: unknown nickname → 404 `user.not-found`, nothing written; a pending recovery link stops working
 * (the admin's reset replaces it).
 */
export class ResetAccountPassword {
  constructor(
    private readonly storage: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  /** A fresh password as a reset without one makes (for `ctl users create` without `--password`). */
  generatePassword(): string {
    return passwordOrGenerated(undefined, this.ids).password;
  }

  async execute(nickname: string, password?: string): Promise<PasswordReset> {
    const chosen = passwordOrGenerated(password, this.ids);
    // bcrypt is slow on purpose: hash before the unit of work, which may hold a store-wide lock.
    const passwordHash = await this.hasher.hash(chosen.password);
    const now = this.clock.now();
    const email = await this.storage.run(async (tx) => {
      const { recovery: _replaced, ...user } = await accountOrFail(tx.users, nickname);
      await tx.users.update({
        ...user,
        passwordHash,
        sessionsValidFrom: now.toISOString(),
        updated: isoSeconds(now),
      });
      await tx.tokens.revokeAccessTokens(user.nickname);
      await tx.oauth2.revokeBearerTokensOf(user.nickname);
      return user.email ?? null;
    });
    return { nickname, email, generatedPassword: chosen.generated ? chosen.password : null };
  }
}
