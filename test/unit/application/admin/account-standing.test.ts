import { AccountStanding } from '../../../../src/application/email/account-standing';
import type { UserRecord } from '../../../../src/application/ports/storage/user-repository.port';

const alice: UserRecord = {
  nickname: 'alice',
  passwordHash: '$2b$04$x',
  profileId: 'http://a.test/api/user/alice/profile',
  email: 'alice@a.test',
  published: '2026-01-01T00:00:00Z',
  updated: '2026-01-01T00:00:00Z',
};

/** The standing over one stored user (or none). */
const standing = (user: UserRecord | null, requireEmail = false) =>
  new AccountStanding({ findByNickname: () => Promise.resolve(user) }, { requireEmail });

describe('AccountStanding and disabled accounts', () => {
  it('refuses a disabled account with 403 "Account disabled.", with or without requireEmail', async () => {
    for (const requireEmail of [false, true]) {
      await expect(
        standing({ ...alice, disabled: '2026-02-01T00:00:00Z' }, requireEmail).assertMayAct('alice'),
      ).rejects.toMatchObject({
        kind: 'forbidden',
        code: 'user.disabled',
        message: 'Account disabled.',
      });
    }
    await expect(standing(alice).assertMayAct('alice')).resolves.toBeUndefined();
  });

  it.each([
    ['an account in good standing', alice, null, true],
    ['a disabled account', { ...alice, disabled: '2026-02-01T00:00:00Z' }, '2026-03-01T00:00:00Z', false],
    ['a deleted account', null, '2026-03-01T00:00:00Z', false],
    [
      'a login after an admin reset',
      { ...alice, sessionsValidFrom: '2026-02-01T00:00:00Z' },
      '2026-02-01T00:00:01Z',
      true,
    ],
    [
      'a login before an admin reset',
      { ...alice, sessionsValidFrom: '2026-02-01T00:00:00Z' },
      '2026-01-31T23:59:59Z',
      false,
    ],
    [
      'a login of unknown time after a reset',
      { ...alice, sessionsValidFrom: '2026-02-01T00:00:00Z' },
      null,
      false,
    ],
  ] as const)('judges the session of %s', async (_, user, loggedInAt, valid) => {
    const when = loggedInAt === null ? null : new Date(loggedInAt);
    expect(await standing(user).sessionIsValid('alice', when)).toBe(valid);
  });
});
