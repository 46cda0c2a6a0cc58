import { DomainError } from '../../../../src/domain/errors/domain-error';
import {
  assertValidNickname,
  isValidNickname,
  RESERVED_NICKNAMES,
} from '../../../../src/domain/users/nickname';

describe('nicknames', () => {
  it.each(['evan', 'Crab', 'a', 'bob.smith', 'under_score', 'dash-ed', '42', 'main', 'API', 'x'.repeat(64)])(
    'accepts %p',
    (nickname) => {
      expect(isValidNickname(nickname)).toBe(true);
      expect(assertValidNickname(nickname)).toBe(nickname);
    },
  );

  it.each(['', 'x'.repeat(65), 'bob smith', 'bob/evil', 'bob@host', 'bob:1', 'émile', 'bob?', 'tab\t'])(
    'refuses %p by shape',
    (nickname) => {
      expect(isValidNickname(nickname)).toBe(false);
    },
  );

  it('refuses exactly the reserved names, case-sensitively', () => {
    const reserved = [
      'api',
      'oauth',
      'oauth2',
      'public',
      'robots.txt',
      'humans.txt',
      '.well-known',
      'sitemap.xml',
      'favicon.ico',
      'contribute.json',
    ];
    expect([...RESERVED_NICKNAMES].sort()).toEqual([...reserved].sort());
    for (const name of reserved) {
      expect(isValidNickname(name)).toBe(false);
    }
    expect(isValidNickname('Public')).toBe(true);
    expect(isValidNickname('OAuth')).toBe(true);
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
