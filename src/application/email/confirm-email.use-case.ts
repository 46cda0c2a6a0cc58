import { redeems } from '../../domain/email/email-token';
import { invalid } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { AuthenticatedUser } from '../auth/principal';
import type { UnitOfWork } from '../ports/storage/unit-of-work.port';
import { isoSeconds } from '../users/timestamps';
import type { EmailLinks } from './email-links';

/** What a link that confirms nothing answers, whatever the reason: who asks learns nothing about the accounts. */
export const BAD_CONFIRMATION =
  'This confirmation link does not work: it was used already, replaced or is too old.';

/**
 * `GET /main/confirm/:code` (docs/protocol.md §8): the address a registration or a change of address named
 * becomes the user's `email`, and the user may act from then on (AccountStanding).
 *
 * Invariants: the link works once (the pending address and its token go in the same write that sets `email`)
 * and only before its expiry; any code that does not redeem the user's pending token is one 400 `invalid`
 * (`email.bad-link`) and changes nothing; answers the user, whom the web UI logs in as pump.io does.
 */
export class ConfirmEmail {
  constructor(
    private readonly storage: UnitOfWork,
    private readonly links: EmailLinks,
    private readonly site: SiteUrls,
  ) {}

  async execute(code: string): Promise<AuthenticatedUser> {
    const digest = this.links.digestOf(code);
    if (digest === null) throw invalid('email.bad-link', BAD_CONFIRMATION);
    return this.storage.run(async (tx) => {
      const user = await tx.users.findByLinkDigest(digest);
      const now = this.links.now();
      const pending = user?.pendingEmail;
      if (user === null || pending === undefined || !redeems(pending, digest, now)) {
        throw invalid('email.bad-link', BAD_CONFIRMATION);
      }
      const { pendingEmail: _confirmed, ...rest } = user;
      await tx.users.update({ ...rest, email: pending.address, updated: isoSeconds(now) });
      return { nickname: user.nickname, personId: this.site.personId(user.nickname) };
    });
  }
}
