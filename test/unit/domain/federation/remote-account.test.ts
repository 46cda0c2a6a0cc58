import { parseRemoteAccount } from '../../../../src/domain/federation/remote-account';
import { isDomainError } from '../../../../src/domain/errors/domain-error';

const LOCAL = 'a.test';

function codeOf(typed: string): string {
  try {
    parseRemoteAccount(typed, LOCAL);
  } catch (error) {
    if (isDomainError(error, 'invalid')) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('parseRemoteAccount', () => {
  it.each([
    ['bob@b.test', 'acct:bob@b.test'],
    ['acct:bob@b.test', 'acct:bob@b.test'],
    ['  @bob@B.Test  ', 'acct:bob@b.test'],
    ['ACCT:bob.smith-2_x@pump.example.net:8080', 'acct:bob.smith-2_x@pump.example.net:8080'],
  ])('reads %j as %s', (typed, id) => {
    expect(parseRemoteAccount(typed, LOCAL).id).toBe(id);
  });

  it('keeps the user as typed and lower-cases the host', () => {
    expect(parseRemoteAccount('Bob@B.TEST', LOCAL)).toEqual({
      user: 'Bob',
      host: 'b.test',
      id: 'acct:Bob@b.test',
    });
  });

  it.each([
    ['', 'remote-account.empty'],
    ['   ', 'remote-account.empty'],
    ['bob', 'remote-account.shape'],
    ['@b.test', 'remote-account.shape'],
    ['bob@', 'remote-account.shape'],
    ['bob smith@b.test', 'remote-account.shape'],
    ['https://b.test/bob', 'remote-account.shape'],
    ['<script>@b.test', 'remote-account.user'],
    ['bob@localhost', 'remote-account.host'],
    ['bob@b.test/path', 'remote-account.host'],
    ['bob@b.test:99999', 'remote-account.host'],
    ['bob@-b.test', 'remote-account.host'],
    ['bob@127.0.0.1', 'remote-account.host'],
    ['bob@a.test', 'remote-account.local'],
    ['bob@A.TEST:443', 'remote-account.local'],
    [`${'x'.repeat(400)}@b.test`, 'remote-account.shape'],
  ])('refuses %j with %s', (typed, code) => {
    expect(codeOf(typed)).toBe(code);
  });

  it('says what was wrong in words a person can act on', () => {
    expect(() => parseRemoteAccount('bob', LOCAL)).toThrow(/an address like bob@example\.net/);
    expect(() => parseRemoteAccount('bob@a.test', LOCAL)).toThrow(/on this server/);
  });
});
