import type { AccountSummary } from '../../application/admin/account-admin.use-cases';
import { type Invite, inviteState } from '../../domain/admin/invite';

/** `ctl users list` as lines a person reads: nickname, state, address, registration date. */
export function describeAccounts(accounts: readonly AccountSummary[]): string {
  if (accounts.length === 0) return 'no users\n';
  const lines = accounts.map((account) =>
    [
      account.nickname,
      account.disabled === null ? 'active' : `disabled since ${account.disabled}`,
      account.email ?? '(no address)',
      `registered ${account.published}`,
    ].join('  '),
  );
  return `${lines.join('\n')}\n`;
}

/** `ctl invites list` as lines a person reads: code, state (used by whom), expiry, maker. */
export function describeInvites(invites: readonly Invite[], now: Date): string {
  if (invites.length === 0) return 'no invites\n';
  const lines = invites.map((invite) => {
    const state = inviteState(invite, now);
    return [
      invite.code,
      state === 'used' ? `used by ${invite.usedBy ?? ''}` : state,
      `expires ${invite.expires}`,
      `made by ${invite.createdBy}`,
    ].join('  ');
  });
  return `${lines.join('\n')}\n`;
}
