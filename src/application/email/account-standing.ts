import { forbidden } from '../../domain/errors/domain-error';
import type { UserRepository } from '../ports/storage/user-repository.port';
import type { EmailSettings } from './email-settings';

/**
 * Whether a local account may act (docs/protocol.md §2.3): not while an admin has disabled it, and with
 * `requireEmail`, not before its address is confirmed. Every way a user acts asks it: OAuth 1 and OAuth 2
 * tokens, the browser session and the login forms.
 *
 * Invariants: a disabled account gets a `forbidden` DomainError `user.disabled` ("account disabled"), whatever
 * the settings; without `requireEmail` every other account may act; with it, an account with no confirmed
 * `email` (a registration whose link was not followed, an account made before the setting was switched on) gets
 * a `forbidden` DomainError with pump.io's message; an account that does not exist is not this rule's business
 * (the caller's own lookup refuses it). A browser session stays valid only while its account exists, is not
 * disabled, and was logged in at or after the account's `sessionsValidFrom`.
 */
export class AccountStanding {
  constructor(
    private readonly users: Pick<UserRepository, 'findByNickname'>,
    private readonly settings: Pick<EmailSettings, 'requireEmail'>,
  ) {}

  async assertMayAct(nickname: string): Promise<void> {
    const user = await this.users.findByNickname(nickname);
    if (user?.disabled !== undefined) {
      throw forbidden('user.disabled', 'Account disabled.');
    }
    if (!this.settings.requireEmail) return;
    if (user !== null && user.email === undefined) {
      throw forbidden('user.email-unconfirmed', "Can't use the API until you confirm your email address.");
    }
  }

  /** Whether a browser session of `nickname` logged in at `loggedInAt` (null: unknown, an old session) lives on. */
  async sessionIsValid(nickname: string, loggedInAt: Date | null): Promise<boolean> {
    const user = await this.users.findByNickname(nickname);
    if (user === null || user.disabled !== undefined) return false;
    if (user.sessionsValidFrom === undefined) return true;
    return loggedInAt !== null && loggedInAt.getTime() >= Date.parse(user.sessionsValidFrom);
  }
}
