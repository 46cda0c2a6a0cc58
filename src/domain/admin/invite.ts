import { forbidden } from '../errors/domain-error';

/** An invitation to register on an invite-only node: one code, one registration, until it expires. */
export interface Invite {
  /** The code a person types into the registration form (random, URL-safe). */
  readonly code: string;
  /** Who made it: an admin's nickname, or `console` for `pumphouse ctl invites`. */
  readonly createdBy: string;
  /** ISO times. */
  readonly created: string;
  readonly expires: string;
  /** The nickname registered with it, and when; absent while unused. */
  readonly usedBy?: string;
  readonly used?: string;
}

/** Where an invite stands at a given time. */
export type InviteState = 'usable' | 'used' | 'expired';

/** `used` once a registration took it, else `expired` from its `expires` on, else `usable`. */
export function inviteState(invite: Invite, now: Date): InviteState {
  if (invite.usedBy !== undefined) return 'used';
  return Date.parse(invite.expires) <= now.getTime() ? 'expired' : 'usable';
}

/**
 * Throws the refusal a registration gets for an invite that is missing (null) or not usable: `forbidden` 403
 * with a code per case (`user.invite-required`, `user.invite-invalid`, `user.invite-used`, `user.invite-expired`),
 * so a person knows whether to ask for a new code.
 */
export function assertInviteUsable(invite: Invite | null, given: string | undefined, now: Date): void {
  if (given === undefined) throw forbidden('user.invite-required', 'Registration here needs an invite code.');
  if (invite === null) throw forbidden('user.invite-invalid', 'This invite code is not valid.');
  const state = inviteState(invite, now);
  if (state === 'used') throw forbidden('user.invite-used', 'This invite code was already used.');
  if (state === 'expired') throw forbidden('user.invite-expired', 'This invite code has expired.');
}
