import {
  formatDialbackAuthorization,
  identityHost,
  identityString,
  isDialbackHost,
  isDialbackWebfinger,
  parseDialbackAuthorization,
} from '../../../../src/domain/federation/dialback-header';
import { isOwnDialbackEndpoint } from '../../../../src/domain/federation/dialback-endpoint';
import { pumpIoDialbackFields } from '../../../support/pumpio-dialback-parser';

describe('formatDialbackAuthorization', () => {
  it('writes the fields in the form pump.io sends: quoted, separated by ", "', () => {
    expect(formatDialbackAuthorization({ kind: 'host', host: 'pump-a.test' }, 'abc_DEF-123')).toBe(
      'Dialback host="pump-a.test", token="abc_DEF-123"',
    );
    expect(formatDialbackAuthorization({ kind: 'webfinger', webfinger: 'alice@pump-a.test' }, 'tok')).toBe(
      'Dialback webfinger="alice@pump-a.test", token="tok"',
    );
  });

  it("is read back unchanged by pump.io's rule (split on '\", \"', then on '=', quotes stripped)", () => {
    const header = formatDialbackAuthorization(
      { kind: 'webfinger', webfinger: 'alice@pump-a.test' },
      'Ab-_0123456',
    );
    expect(pumpIoDialbackFields(header)).toEqual({ webfinger: 'alice@pump-a.test', token: 'Ab-_0123456' });
  });

  it('refuses a token or an identity that would not survive that rule', () => {
    expect(() => formatDialbackAuthorization({ kind: 'host', host: 'a.test' }, 'abc=')).toThrow();
    expect(() => formatDialbackAuthorization({ kind: 'host', host: 'a.test' }, 'a", b')).toThrow();
    expect(() => formatDialbackAuthorization({ kind: 'host', host: 'a.test", x="y' }, 'abc')).toThrow();
    expect(() =>
      formatDialbackAuthorization({ kind: 'webfinger', webfinger: 'acct:a@b.test' }, 'x'),
    ).toThrow();
  });
});

describe('parseDialbackAuthorization', () => {
  it('reads what pump.io and dialback-client send', () => {
    expect(parseDialbackAuthorization('Dialback webfinger="alice@pump-a.test", token="Ab-_0123456"')).toEqual(
      {
        ok: true,
        credentials: {
          identity: { kind: 'webfinger', webfinger: 'alice@pump-a.test' },
          token: 'Ab-_0123456',
        },
      },
    );
    expect(parseDialbackAuthorization('Dialback host="pump-a.test", token="t"')).toEqual({
      ok: true,
      credentials: { identity: { kind: 'host', host: 'pump-a.test' }, token: 't' },
    });
  });

  it('accepts any case of the scheme, other whitespace, unquoted values, any field order and unknown fields', () => {
    const parsed = parseDialbackAuthorization('dialback   token=t1 ,host=b.test:8080,  realm="x"');
    expect(parsed).toEqual({
      ok: true,
      credentials: { identity: { kind: 'host', host: 'b.test:8080' }, token: 't1' },
    });
  });

  it.each([
    ['OAuth oauth_consumer_key="x"', 'not a Dialback header'],
    ['Dialback', 'not a Dialback header'],
    ['Dialback ', 'malformed fields'],
    ['Dialback host="a.test" token="t"', 'malformed fields'],
    ['Dialback host="a.test", token="t",', 'malformed fields'],
    ['Dialback host="a.test", token="t', 'malformed fields'],
    ['Dialback host="a\\"b", token="t"', 'malformed fields'],
    ['Dialback host="a.test", host="b.test", token="t"', 'duplicate field'],
    ['Dialback host="a.test", token="t", TOKEN="u"', 'duplicate field'],
    ['Dialback host="a.test", webfinger="x@a.test", token="t"', 'both host and webfinger'],
    ['Dialback token="t"', 'no identity'],
    ['Dialback host="a.test"', 'no token'],
    ['Dialback host="a.test", token=""', 'no token'],
    ['Dialback host="a.test", token="a=b"', 'bad token'],
    ['Dialback host="a.test", token="a b"', 'bad token'],
    ['Dialback host="", token="t"', 'bad identity'],
    ['Dialback host="a.test/evil", token="t"', 'bad identity'],
    ['Dialback host="user@a.test", token="t"', 'bad identity'],
    ['Dialback host="a.test:0", token="t"', 'bad identity'],
    ['Dialback host="a.test:99999", token="t"', 'bad identity'],
    ['Dialback webfinger="a.test", token="t"', 'bad identity'],
    ['Dialback webfinger="a@b@c.test", token="t"', 'bad identity'],
    ['Dialback webfinger="acct:a@c.test", token="t"', 'bad identity'],
    ['Dialback webfinger="@c.test", token="t"', 'bad identity'],
  ])('refuses %s (%s)', (header, problem) => {
    expect(parseDialbackAuthorization(header)).toEqual({ ok: false, problem });
  });

  it('refuses huge values and huge headers without reading them', () => {
    const longHost = `${'a'.repeat(60)}.`.repeat(5) + 'test';
    expect(parseDialbackAuthorization(`Dialback host="${longHost}", token="t"`)).toEqual({
      ok: false,
      problem: 'bad identity',
    });
    expect(parseDialbackAuthorization(`Dialback host="a.test", token="${'t'.repeat(129)}"`)).toEqual({
      ok: false,
      problem: 'bad token',
    });
    expect(parseDialbackAuthorization(`Dialback webfinger="${'u'.repeat(65)}@a.test", token="t"`)).toEqual({
      ok: false,
      problem: 'bad identity',
    });
    expect(parseDialbackAuthorization(`Dialback host="a.test", token="t", x="${'y'.repeat(5000)}"`)).toEqual({
      ok: false,
      problem: 'header too long',
    });
  });
});

describe('identities', () => {
  it('names the host that alone may vouch for an identity, lower case, with its port', () => {
    expect(identityHost({ kind: 'host', host: 'A.Test:8080' })).toBe('a.test:8080');
    expect(identityHost({ kind: 'webfinger', webfinger: 'alice@Pump-A.test' })).toBe('pump-a.test');
    expect(identityString({ kind: 'webfinger', webfinger: 'alice@pump-a.test' })).toBe('alice@pump-a.test');
  });

  it('knows hosts and webfingers', () => {
    expect(isDialbackHost('127.0.70.1')).toBe(true);
    expect(isDialbackHost('a-.test')).toBe(false);
    expect(isDialbackWebfinger('a.b+c@x.test')).toBe(true);
    expect(isDialbackWebfinger('a b@x.test')).toBe(false);
  });
});

describe('isOwnDialbackEndpoint', () => {
  const host = { kind: 'host', host: 'pump-a.test' } as const;
  const alice = { kind: 'webfinger', webfinger: 'alice@Pump-A.test' } as const;

  it("accepts an http(s) endpoint on the identity's own host, any port when the identity names none", () => {
    expect(isOwnDialbackEndpoint(host, 'http://pump-a.test/api/dialback')).toBe(true);
    expect(isOwnDialbackEndpoint(alice, 'https://PUMP-A.test:8443/api/dialback')).toBe(true);
  });

  it('refuses a third host, a look-alike, credentials, other schemes and garbage', () => {
    expect(isOwnDialbackEndpoint(host, 'http://evil.test/api/dialback')).toBe(false);
    expect(isOwnDialbackEndpoint(host, 'http://pump-a.test.evil.test/api/dialback')).toBe(false);
    expect(isOwnDialbackEndpoint(host, 'http://evil.test/pump-a.test')).toBe(false);
    expect(isOwnDialbackEndpoint(host, 'http://pump-a.test@evil.test/')).toBe(false);
    expect(isOwnDialbackEndpoint(host, 'http://user:pw@pump-a.test/')).toBe(false);
    expect(isOwnDialbackEndpoint(host, 'ftp://pump-a.test/')).toBe(false);
    expect(isOwnDialbackEndpoint(host, 'not a url')).toBe(false);
  });

  it('insists on the port an identity names', () => {
    const ported = { kind: 'host', host: 'pump-a.test:8080' } as const;
    expect(isOwnDialbackEndpoint(ported, 'http://pump-a.test:8080/api/dialback')).toBe(true);
    expect(isOwnDialbackEndpoint(ported, 'http://pump-a.test/api/dialback')).toBe(false);
    const eighty = { kind: 'host', host: 'pump-a.test:80' } as const;
    expect(isOwnDialbackEndpoint(eighty, 'http://pump-a.test/api/dialback')).toBe(true);
  });
});
