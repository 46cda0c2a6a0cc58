import { isEmailAddress } from '../../domain/email/email-address';
import { RECOVERY_TTL_MS, redeems } from '../../domain/email/email-token';
import { invalid } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import { assertAcceptablePassword } from '../../domain/users/password';
import type { AuthenticatedUser } from '../auth/principal';
import type { PasswordHasher } from '../ports/password-hasher.port';
import type { Repositories, UnitOfWork } from '../ports/storage/unit-of-work.port';
import type { UserRecord } from '../ports/storage/user-repository.port';
import { isoSeconds } from '../users/timestamps';
import type { EmailLinks } from './email-links';
import { mailJob } from './mail-jobs';

/** What a recovery link that recovers nothing answers, whatever the reason. */
export const BAD_RECOVERY = 'This recovery link does not work: it was used already, replaced or is too old.';

/** Told when mail was queued, so this process's mail runner sends it now rather than at its next poll. */
export interface MailQueued {
  nudge(): void;
}

/**
 * `POST /main/recover` (docs/protocol.md §8): a person who lost their password names their nickname or their
 * address, and each account it names that has a confirmed address gets a mail with a recovery link.
 *
 * Invariants: answers nothing, so that whether an account or an address exists is never told (stricter than
 * pump.io, whose answer says "no such user" and "no email"); a new request replaces the account's earlier link
 * (only the latest works); the link's token and its mail job are written in one unit of work.
 */
export class RequestPasswordRecovery {
  constructor(
    private readonly storage: UnitOfWork,
    private readonly links: EmailLinks,
    private readonly mailQueued: MailQueued,
  ) {}

  async execute(login: string): Promise<void> {
    const wanted = login.trim();
    if (wanted === '') return;
    const queued = await this.storage.run(async (tx) => {
      let count = 0;
      for (const user of await accountsNamed(tx, wanted)) {
        if (user.email === undefined) continue;
        const link = this.links.issue(RECOVERY_TTL_MS);
        await tx.users.update({ ...user, recovery: link.token });
        await tx.jobs.enqueue(
          mailJob({ kind: 'recover-password', to: user.email, nickname: user.nickname, code: link.code }),
        );
        count += 1;
      }
      return count;
    });
    if (queued > 0) this.mailQueued.nudge();
  }
}

/** The account of a nickname, or the accounts whose confirmed address is the one given. */
async function accountsNamed(tx: Repositories, login: string): Promise<UserRecord[]> {
  if (isEmailAddress(login)) return tx.users.findByEmail(login);
  const user = await tx.users.findByNickname(login);
  return user === null ? [] : [user];
}

/**
 * `/main/recover/:code` (docs/protocol.md §8): whether a recovery link still works (the page shows its form only
 * then), and setting a new password through it, after which the web UI logs the user in as pump.io does.
 *
 * Invariants: the link works once (its token goes in the same write as the new password hash) and only before its
 * expiry; any code that does not redeem is one 400 `invalid` (`email.bad-link`); the new password passes the rules
 * of a registration (400 "Bad password") before anything is written.
 */
export class RecoverPassword {
  constructor(
    private readonly storage: UnitOfWork & Pick<Repositories, 'users'>,
    private readonly links: EmailLinks,
    private readonly hasher: PasswordHasher,
    private readonly site: SiteUrls,
  ) {}

  /** True when `code` would recover an account now. */
  async works(code: string): Promise<boolean> {
    const digest = this.links.digestOf(code);
    if (digest === null) return false;
    const user = await this.storage.users.findByLinkDigest(digest);
    return user !== null && redeems(user.recovery, digest, this.links.now());
  }

  async execute(code: string, newPassword: unknown): Promise<AuthenticatedUser> {
    const digest = this.links.digestOf(code);
    if (digest === null) throw invalid('email.bad-link', BAD_RECOVERY);
    const password = assertAcceptablePassword(newPassword);
    // bcrypt is slow on purpose: hash before the unit of work, which may hold a store-wide lock.
    const passwordHash = await this.hasher.hash(password);
    return this.storage.run(async (tx) => {
      const user = await tx.users.findByLinkDigest(digest);
      const now = this.links.now();
      if (user === null || !redeems(user.recovery, digest, now)) {
        throw invalid('email.bad-link', BAD_RECOVERY);
      }
      const { recovery: _used, ...rest } = user;
      // Whoever knew the old password (the reason to recover, often) keeps nothing: every web session logged in
      // before now ends, and every client's token is revoked, as an admin's reset does. The caller logs the
      // recovering browser in afterwards.
      await tx.users.update({
        ...rest,
        passwordHash,
        sessionsValidFrom: now.toISOString(),
        updated: isoSeconds(now),
      });
      await tx.tokens.revokeAccessTokens(user.nickname);
      await tx.oauth2.revokeBearerTokensOf(user.nickname);
      return { nickname: user.nickname, personId: this.site.personId(user.nickname) };
    });
  }
}
