import type { Invite } from '../../../domain/admin/invite';

/**
 * Invite codes for invite-only registration, shared by every worker and by `pumphouse ctl invites`.
 *
 * Every adapter honours: `create` stores a new invite (codes are random: a duplicate code is a `conflict`
 * `invite.exists`); `find` answers the invite with exactly this code, or null; `list` answers every invite,
 * newest `created` first; `markUsed` sets `usedBy`/`used` only on an invite with this code that has no `usedBy`
 * yet and answers whether it did (a compare-and-set: of two registrations with one code, exactly one wins);
 * `revoke` deletes the invite and answers whether there was one.
 */
export interface InviteRepository {
  create(invite: Invite): Promise<void>;
  find(code: string): Promise<Invite | null>;
  list(): Promise<Invite[]>;
  markUsed(code: string, nickname: string, at: string): Promise<boolean>;
  revoke(code: string): Promise<boolean>;
}
export const InviteRepository = Symbol('InviteRepository');
