import { isNotModified, isOnOriginOf, isProxyableUrl } from '../../../../src/domain/federation/proxied-urls';

describe('isProxyableUrl', () => {
  it('takes http(s) URLs of other servers only', () => {
    expect(isProxyableUrl('https://b.test/avatar.png', 'a.test')).toBe(true);
    expect(isProxyableUrl('http://b.test:8080/x', 'a.test')).toBe(true);
    expect(isProxyableUrl('https://a.test/api/user/alice/inbox', 'a.test')).toBe(false);
    expect(isProxyableUrl('http://A.test:31337/x', 'a.test')).toBe(false);
    expect(isProxyableUrl('file:///etc/passwd', 'a.test')).toBe(false);
    expect(isProxyableUrl('acct:bob@b.test', 'a.test')).toBe(false);
    expect(isProxyableUrl('https://b.example/x', 'a.test')).toBe(false);
    expect(isProxyableUrl('https://b.test/a b', 'a.test')).toBe(false);
  });
});

describe('isOnOriginOf', () => {
  it('is true only for a URL on the host the id names', () => {
    expect(isOnOriginOf('https://b.test/bob', 'acct:bob@b.test')).toBe(true);
    expect(isOnOriginOf('https://b.test/x', 'https://b.test/api/user/bob')).toBe(true);
    expect(isOnOriginOf('https://evil.test/bob', 'acct:bob@b.test')).toBe(false);
    expect(isOnOriginOf('https://b.test.evil.test/bob', 'acct:bob@b.test')).toBe(false);
  });
});

describe('isNotModified (RFC 9110 §13.2.2)', () => {
  const headers = { etag: 'W/"v1"', 'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT' };

  it('compares If-None-Match weakly, and lets it win over If-Modified-Since', () => {
    expect(isNotModified({ ifNoneMatch: '"v1"' }, headers)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '"v0", W/"v1"' }, headers)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '*' }, headers)).toBe(true);
    expect(
      isNotModified({ ifNoneMatch: '"v2"', ifModifiedSince: 'Wed, 02 Dec 2026 10:00:00 GMT' }, headers),
    ).toBe(false);
  });

  it('compares If-Modified-Since with Last-Modified', () => {
    expect(isNotModified({ ifModifiedSince: 'Tue, 01 Dec 2026 10:00:00 GMT' }, headers)).toBe(true);
    expect(isNotModified({ ifModifiedSince: 'Mon, 30 Nov 2026 10:00:00 GMT' }, headers)).toBe(false);
    expect(isNotModified({ ifModifiedSince: 'not a date' }, headers)).toBe(false);
    expect(isNotModified({}, headers)).toBe(false);
  });
});
