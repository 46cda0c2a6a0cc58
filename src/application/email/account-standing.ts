import { forbidden } from '../../domain/errors/domain-error';
import type { UserRepository } from '../ports/storage/user-repository.port';
import type { EmailSettings } from './email-settings';

/**
 * Whether a local account may act yet (docs/protocol.md §2.3): with `requireEmail`, not before its address is
 * confirmed. Every way a user acts asks it: OAuth 1 and OAuth 2 tokens, the browser session and the login forms.
 *
 * Invariants: without `requireEmail` every account may act; with it, an account with no confirmed `email` (a
 * registration whose link was not followed, an account made before the setting was switched on) gets a
 * `forbidden` DomainError with pump.io's message; an account that does not exist is not this rule's business
 * (the caller's own lookup refuses it).
 */
export class AccountStanding {
  constructor(
    private readonly users: Pick<UserRepository, 'findByNickname'>,
    private readonly settings: Pick<EmailSettings, 'requireEmail'>,
  ) {}

  async assertMayAct(nickname: string): Promise<void> {
    if (!this.settings.requireEmail) return;
    const user = await this.users.findByNickname(nickname);
    if (user !== null && user.email === undefined) {
      throw forbidden('user.email-unconfirmed', "Can't use the API until you confirm your email address.");
    }
  }
}
