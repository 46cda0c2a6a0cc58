import type { Invite } from '../../domain/admin/invite';
import { invalid, notFound } from '../../domain/errors/domain-error';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { Repositories } from '../ports/storage/unit-of-work.port';

/** How long an invite works when its maker says nothing: a week. */
export const DEFAULT_INVITE_DAYS = 7;
/** The longest an invite may work: a year. */
export const MAX_INVITE_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;
/** 12 random bytes: 16 URL-safe characters, unguessable, short enough to type. */
const INVITE_CODE_BYTES = 12;

/**
 * Makes an invite code for invite-only registration (`ctl invites create`, `/main/admin/invites`).
 *
 * Invariants: the code is random; it expires `days` days from now (default {@link DEFAULT_INVITE_DAYS}; a
 * whole number from 1 to {@link MAX_INVITE_DAYS}, else 400 `invite.bad-days`, nothing stored).
 */
export class CreateInvite {
  constructor(
    private readonly invites: Repositories['invites'],
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(createdBy: string, days: number = DEFAULT_INVITE_DAYS): Promise<Invite> {
    if (!Number.isInteger(days) || days < 1 || days > MAX_INVITE_DAYS) {
      throw invalid('invite.bad-days', `An invite lasts a whole number of days, 1 to ${MAX_INVITE_DAYS}.`);
    }
    const now = this.clock.now();
    const invite: Invite = {
      code: this.ids.token(INVITE_CODE_BYTES),
      createdBy,
      created: now.toISOString(),
      expires: new Date(now.getTime() + days * DAY_MS).toISOString(),
    };
    await this.invites.create(invite);
    return invite;
  }
}

/** Every invite, newest first, used and expired ones included (the admin sees what happened to each). */
export class ListInvites {
  constructor(private readonly invites: Repositories['invites']) {}

  execute(): Promise<Invite[]> {
    return this.invites.list();
  }
}

/** Withdraws an invite so it can no longer be used; an unknown code is a 404 `invite.not-found`. */
export class RevokeInvite {
  constructor(private readonly invites: Repositories['invites']) {}

  async execute(code: string): Promise<void> {
    if (!(await this.invites.revoke(code))) throw notFound('invite.not-found', 'No invite has this code.');
  }
}
