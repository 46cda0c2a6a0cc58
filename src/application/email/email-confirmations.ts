import { CONFIRMATION_TTL_MS } from '../../domain/email/email-token';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import type { UserRecord } from '../ports/storage/user-repository.port';
import type { EmailLinks } from './email-links';
import type { EmailSettings } from './email-settings';
import { mailJob } from './mail-jobs';
import type { MailQueued } from './password-recovery.use-cases';

/**
 * Asking a person to confirm an address (a registration under `requireEmail`, a change of address): the record
 * keeps the address as pending with the digest of a fresh link, and a mail with the link goes to that address.
 * The confirmed `email` is left as it was until the link is followed (ConfirmEmail), so a typo or someone else's
 * address never becomes where the account's recovery mail goes.
 */
export class EmailConfirmations {
  constructor(
    readonly settings: EmailSettings,
    private readonly links: EmailLinks,
    private readonly mailQueued: MailQueued,
  ) {}

  /** True when addresses are confirmed by mail: an SMTP server is configured. */
  get confirmsByMail(): boolean {
    return this.settings.enabled;
  }

  /** `user` with `address` pending; its mail is queued through `tx`, in the caller's unit of work. */
  async request(tx: Pick<Repositories, 'jobs'>, user: UserRecord, address: string): Promise<UserRecord> {
    const link = this.links.issue(CONFIRMATION_TTL_MS);
    await tx.jobs.enqueue(
      mailJob({ kind: 'confirm-email', to: address, nickname: user.nickname, code: link.code }),
    );
    return { ...user, pendingEmail: { address, ...link.token } };
  }

  /** Wakes this process's mail runner once the caller's unit of work committed. */
  queued(): void {
    this.mailQueued.nudge();
  }
}
