import { assertInviteUsable, type Invite, inviteState } from '../../../../src/domain/admin/invite';
import { NicknameBlockList } from '../../../../src/domain/admin/nickname-block-list';
import { reportReason } from '../../../../src/domain/admin/report';
import { DomainError } from '../../../../src/domain/errors/domain-error';

const invite: Invite = {
  code: 'c',
  createdBy: 'root',
  created: '2026-01-01T00:00:00.000Z',
  expires: '2026-01-08T00:00:00.000Z',
};
const at = (iso: string) => new Date(iso);

describe('invite state', () => {
  it.each([
    ['before its expiry', invite, '2026-01-07T23:59:59.999Z', 'usable'],
    ['at its expiry', invite, '2026-01-08T00:00:00.000Z', 'expired'],
    [
      'used, even before its expiry',
      { ...invite, usedBy: 'alice', used: '2026-01-02T00:00:00.000Z' },
      '2026-01-03T00:00:00.000Z',
      'used',
    ],
  ] as const)('is %s', (_, subject, now, state) => {
    expect(inviteState(subject, at(now))).toBe(state);
  });

  it.each([
    ['no code', null, undefined, 'user.invite-required'],
    ['an unknown code', null, 'x', 'user.invite-invalid'],
    ['a used code', { ...invite, usedBy: 'alice' }, 'c', 'user.invite-used'],
    ['an expired code', invite, 'c', 'user.invite-expired'],
  ] as const)('refuses %s with 403', (_, subject, given, code) => {
    const now = at(code === 'user.invite-expired' ? '2026-02-01T00:00:00.000Z' : '2026-01-02T00:00:00.000Z');
    expect(() => assertInviteUsable(subject, given, now)).toThrow(DomainError);
    expect(() => assertInviteUsable(subject, given, now)).toThrow(
      expect.objectContaining({ kind: 'forbidden', code }),
    );
  });

  it('takes a usable code', () => {
    expect(() => assertInviteUsable(invite, 'c', at('2026-01-02T00:00:00.000Z'))).not.toThrow();
  });
});

describe('the nickname block list', () => {
  it('refuses the defaults and the extra names in any case, and lets the admins have theirs', () => {
    const list = NicknameBlockList.withDefaults(['Mallory'], ['ROOT']);
    for (const name of ['admin', 'Support', 'WWW', 'mallory', 'MALLORY']) {
      expect(() => list.assertAllowed(name)).toThrow(
        expect.objectContaining({ kind: 'invalid', code: 'user.nickname-blocked' }),
      );
    }
    for (const name of ['root', 'alice', 'administrators']) expect(list.has(name)).toBe(false);
  });
});

describe('a report reason', () => {
  it('is optional text up to 2000 characters, trimmed', () => {
    expect(reportReason(undefined)).toBe('');
    expect(reportReason('  spam  ')).toBe('spam');
    expect(reportReason('x'.repeat(2000))).toHaveLength(2000);
    expect(() => reportReason('x'.repeat(2001))).toThrow(
      expect.objectContaining({ code: 'report.bad-reason' }),
    );
    expect(() => reportReason(42)).toThrow(expect.objectContaining({ code: 'report.bad-reason' }));
  });
});
