import { DomainError } from '../../../../src/domain/errors/domain-error';
import { SITE_ROUTE_WORDS } from '../../../../src/domain/site/route-words';
import {
  assertValidNickname,
  isValidNickname,
  nicknameKey,
  RESERVED_NICKNAMES,
} from '../../../../src/domain/users/nickname';

describe('nicknames', () => {
  it.each([
    'evan',
    'Crab',
    'a',
    'bob.smith',
    'under_score',
    'dash-ed',
    '42',
    'mainly',
    '...',
    'x'.repeat(64),
  ])('accepts %p', (nickname) => {
    expect(isValidNickname(nickname)).toBe(true);
    expect(assertValidNickname(nickname)).toBe(nickname);
  });

  it.each(['', 'x'.repeat(65), 'bob smith', 'bob/evil', 'bob@host', 'bob:1', 'émile', 'bob?', 'tab\t'])(
    'refuses %p by shape',
    (nickname) => {
      expect(isValidNickname(nickname)).toBe(false);
    },
  );

  it("refuses the site's route words and the dot segments, in any case", () => {
    const reserved = [
      'api',
      'main',
      'oauth',
      'public',
      '.well-known',
      'oauth2',
      'uploads',
      'robots.txt',
      'humans.txt',
      'sitemap.xml',
      'favicon.ico',
      'contribute.json',
      '.',
      '..',
    ];
    expect([...RESERVED_NICKNAMES].sort()).toEqual([...reserved].sort());
    expect([...SITE_ROUTE_WORDS].every((word) => RESERVED_NICKNAMES.has(word))).toBe(true);
    for (const name of reserved) {
      expect(isValidNickname(name)).toBe(false);
      expect(isValidNickname(name.toUpperCase())).toBe(false);
    }
    expect(isValidNickname('Main')).toBe(false);
    expect(isValidNickname('OAuth')).toBe(false);
    expect(isValidNickname('Public')).toBe(false);
  });

  it('tells nicknames apart without regard to case', () => {
    expect(nicknameKey('Alice')).toBe(nicknameKey('alice'));
    expect(nicknameKey('ALICE.x-1')).toBe('alice.x-1');
    expect(nicknameKey('alice')).not.toBe(nicknameKey('alice2'));
  });

  it.each([undefined, null, 12, ['bob']])('refuses the non-string %p', (nickname) => {
    expect(isValidNickname(nickname)).toBe(false);
  });

  it("throws pump.io's message as an invalid error", () => {
    let thrown: unknown;
    try {
      assertValidNickname('robots.txt');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({
      kind: 'invalid',
      code: 'user.bad-nickname',
      message: "Bad nickname: 'robots.txt'",
    });
  });
});
