import {
  expiryOf,
  isWellFormedCode,
  RECOVERY_TTL_MS,
  redeems,
  SECRET_LENGTH,
} from '../../../../src/domain/email/email-token';
import { assertEmailAddress, isEmailAddress } from '../../../../src/domain/email/email-address';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const token = { digest: 'the-digest', expires: expiryOf(NOW, RECOVERY_TTL_MS) };

describe('one-time link rules', () => {
  it.each([
    [
      'the right digest before expiry',
      token,
      'the-digest',
      new Date(NOW.getTime() + RECOVERY_TTL_MS - 1),
      true,
    ],
    ['no token (never issued, or already used)', undefined, 'the-digest', NOW, false],
    ['another digest', token, 'other-digest', NOW, false],
    ['the right digest at the expiry', token, 'the-digest', new Date(NOW.getTime() + RECOVERY_TTL_MS), false],
    [
      'the right digest after the expiry',
      token,
      'the-digest',
      new Date(NOW.getTime() + 2 * RECOVERY_TTL_MS),
      false,
    ],
    [
      'a token whose expiry is unreadable',
      { digest: 'the-digest', expires: 'soon' },
      'the-digest',
      NOW,
      false,
    ],
  ])('%s: redeems is %s', (_case, stored, digest, at, expected) => {
    expect(redeems(stored, digest, at)).toBe(expected);
  });

  it('takes as a code only the secret of the length it issues, in the characters of a link', () => {
    expect(isWellFormedCode('a'.repeat(SECRET_LENGTH))).toBe(true);
    expect(isWellFormedCode('aB3_-'.repeat(6) + 'xy')).toBe(true);
    expect(isWellFormedCode('a'.repeat(SECRET_LENGTH - 1))).toBe(false);
    expect(isWellFormedCode('a'.repeat(SECRET_LENGTH + 1))).toBe(false);
    expect(isWellFormedCode('a'.repeat(SECRET_LENGTH - 1) + '/')).toBe(false);
  });
});

describe('email addresses', () => {
  it.each(['a@b.test', 'first.last+tag@mail.example.org', 'x_y-z@d-1.example'])('accepts %s', (address) => {
    expect(isEmailAddress(address)).toBe(true);
  });

  it.each([
    '',
    'plain',
    'a@',
    '@b.test',
    'a b@c.test',
    'a@b.test, c@d.test',
    '"a"@b.test',
    'a@-b.test',
    'a@b..test',
  ])('refuses %j', (address) => {
    expect(isEmailAddress(address)).toBe(false);
  });

  it("answers pump.io's messages: no address, or a bad one", () => {
    expect(() => assertEmailAddress(undefined)).toThrow('No email address');
    expect(() => assertEmailAddress('  ')).toThrow('No email address');
    expect(() => assertEmailAddress(42)).toThrow('Invalid email address provided');
    expect(assertEmailAddress(' a@b.test ')).toBe('a@b.test');
  });
});
