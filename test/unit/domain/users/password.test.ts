import { DomainError } from '../../../../src/domain/errors/domain-error';
import { commonPasswords } from '../../../../src/domain/users/common-passwords';
import { LEAKED_PASSWORDS_TOP_10000 } from '../../../../src/domain/users/leaked-passwords.data';
import { assertAcceptablePassword, passwordProblem } from '../../../../src/domain/users/password';

describe('passwords', () => {
  it.each(['correct-horse-7', 'x9!Lm2#qZ', 'Tr0ub4dor&3', 'eight8ch', '12345678x-not-common'])(
    'accepts %p',
    (password) => {
      expect(passwordProblem(password)).toBeNull();
      expect(assertAcceptablePassword(password)).toBe(password);
    },
  );

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    [12345678, 'missing'],
    ['a1b2c3d', 'too-short'],
    ['abcdefgh', 'only-letters'],
    ['AbCdEfGhIjK', 'only-letters'],
    ['12345678', 'only-digits'],
    ['9876543210123', 'only-digits'],
  ])('refuses %p as %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it.each([
    'password1',
    'Password1',
    'PASSW0RD',
    'p@ssw0rd',
    '1qaz2wsx',
    'qwerty123',
    'Summer2024!',
    'letmein!',
  ])('refuses the common password %p whatever its case', (password) => {
    expect(passwordProblem(password)).toBe('common');
  });

  it('keeps a list of several hundred common passwords that the other rules would let through', () => {
    const list = [...commonPasswords()];
    const longEnoughAndMixed = list.filter(
      (password) => password.length >= 8 && !/^[a-z]+$/i.test(password) && !/^[0-9]+$/.test(password),
    );
    expect(longEnoughAndMixed.length).toBeGreaterThan(300);
    expect(list.every((password) => password === password.toLowerCase())).toBe(true);
  });

  it.each(['rush2112', 'Usuckballz1', 'ncc1701d', '12qwaszx', 'Soso123aljg'])(
    'refuses %p, a well-known password from the published list shipped with the code',
    (password) => {
      expect(passwordProblem(password)).toBe('common');
    },
  );

  it('ships the published top-10,000 list whole: 10,000 distinct lines, most common first', () => {
    const lines = LEAKED_PASSWORDS_TOP_10000.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(10_000);
    expect(new Set(lines).size).toBe(10_000);
    expect(lines.slice(0, 3)).toEqual(['123456', 'password', '12345678']);
  });

  it("throws pump.io's message without the password, and the reason in the details", () => {
    let thrown: unknown;
    try {
      assertAcceptablePassword('abcdefgh');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({
      kind: 'invalid',
      code: 'user.bad-password',
      message: 'Bad password',
      details: { problem: 'only-letters' },
    });
  });
});
