import { createHmac } from 'node:crypto';

import OAuth from 'oauth-1.0a';

import { oauthPercentEncode } from '../../../../../src/adapters/auth/oauth/oauth-percent-encoding';
import { collectParameters } from '../../../../../src/adapters/auth/oauth/oauth-request-parameters';
import {
  baseStringUri,
  hmacSha1Signature,
  signatureBaseString,
  signatureMatches,
} from '../../../../../src/adapters/auth/oauth/oauth-signature';
import { SiteUrls } from '../../../../../src/domain/site/site-urls';

describe('RFC 5849 signatures', () => {
  it('builds the base string of the RFC 5849 §3.4.1.1 example exactly', () => {
    const params = collectParameters({
      method: 'POST',
      url: '/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b',
      authorization: [
        'OAuth realm="Example",',
        '  oauth_consumer_key="9djdj82h48djs9d2",',
        '  oauth_token="kkk9d7dh3k39sjv7",',
        '  oauth_signature_method="HMAC-SHA1",',
        '  oauth_timestamp="137131201",',
        '  oauth_nonce="7d8f3e4a",',
        '  oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"',
      ].join('\n'),
      contentType: 'application/x-www-form-urlencoded',
      body: { c2: '', a3: '2 q' },
    });
    const uri = baseStringUri(SiteUrls.fromBaseUrl('http://example.com'), '/request?b5=x');
    expect(signatureBaseString('POST', uri, params.all)).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
    expect(params.oauth.get('oauth_signature')).toBe('bYT5CMsGcbgUdFHObYMEfcx6bsw=');
    expect(params.all.some(([name]) => name === 'realm')).toBe(false);
  });

  it('percent-encodes as RFC 5849 §3.6 says: unreserved kept, the rest as upper-case UTF-8 escapes', () => {
    expect(oauthPercentEncode("a-._~Z9 !*'()é+/=")).toBe('a-._~Z9%20%21%2A%27%28%29%C3%A9%2B%2F%3D');
  });

  it('builds the base string URI from the configured public URL, with its path prefix, not from the request host', () => {
    const site = SiteUrls.fromBaseUrl('https://Social.Example.net:443/pump');
    expect(baseStringUri(site, '/api/user/alice/feed?count=5')).toBe(
      'https://social.example.net/pump/api/user/alice/feed',
    );
  });

  it('never counts a JSON body, and a form body only for exactly application/x-www-form-urlencoded', () => {
    const base = { method: 'POST', url: '/x', body: { a: '1' } };
    expect(collectParameters({ ...base, contentType: 'application/json' }).all).toEqual([]);
    expect(collectParameters({ ...base, contentType: 'multipart/form-data' }).all).toEqual([]);
    expect(collectParameters({ ...base, contentType: 'application/x-www-form-urlencoded' }).all).toEqual([
      ['a', '1'],
    ]);
  });

  it('refuses a protocol parameter given twice', () => {
    expect(() =>
      collectParameters({ method: 'GET', url: '/x?oauth_nonce=1', authorization: 'OAuth oauth_nonce="2"' }),
    ).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });

  it('counts a header parameter once when the query repeats it with the same value (QOAuth, Dianara)', () => {
    const params = collectParameters({
      method: 'GET',
      url: '/x?count=200&count=200&offset=1',
      authorization: 'OAuth oauth_nonce="n", count="200", offset="0"',
    });
    expect(params.all).toEqual([
      ['oauth_nonce', 'n'],
      ['offset', '0'],
      ['count', '200'],
      ['count', '200'],
      ['offset', '1'],
    ]);
  });

  it('refuses a malformed percent escape as invalid input, not a crash', () => {
    expect(() => collectParameters({ method: 'GET', url: '/x?a=%E0%A4%A' })).toThrow(
      expect.objectContaining({ kind: 'invalid' }),
    );
  });

  describe('against signatures made by the oauth-1.0a library', () => {
    const consumer = { key: 'consumer key', secret: 'consumer&secret' };
    const token = { key: 'tok', secret: 'token secret!' };
    const site = SiteUrls.fromBaseUrl('http://localhost:4815');
    const oauth = new OAuth({
      consumer,
      signature_method: 'HMAC-SHA1',
      hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
    });

    /** Signs with the library, then checks with our code what a server would receive. */
    function verifies(
      method: string,
      path: string,
      form: Record<string, string> | undefined,
      contentType: string | undefined,
      body: unknown,
    ): boolean {
      const signed = oauth.authorize({ url: `http://localhost:4815${path}`, method, data: form }, token);
      const params = collectParameters({
        method,
        url: path,
        authorization: oauth.toHeader(signed).Authorization,
        contentType,
        body,
      });
      return signatureMatches({
        method: 'HMAC-SHA1',
        baseString: signatureBaseString(method, baseStringUri(site, path), params.all),
        consumerSecret: consumer.secret,
        tokenSecret: token.secret,
        signature: params.oauth.get('oauth_signature') as string,
      });
    }

    it('verifies a GET with a query holding spaces, reserved characters, unicode and a repeated name', () => {
      const path = `/api/users?q=${encodeURIComponent('a b&c=d')}&name=${encodeURIComponent('Zoë 😀')}&x=1&x=0`;
      expect(verifies('GET', path, undefined, undefined, undefined)).toBe(true);
    });

    it('verifies a POST with a JSON body, which is not signed', () => {
      const body = { verb: 'post', object: { objectType: 'note', content: 'hi & bye' } };
      expect(verifies('POST', '/api/user/alice/feed', undefined, 'application/json', body)).toBe(true);
    });

    it('verifies a POST form, whose fields are signed', () => {
      const form = { 'a b': 'x&y', name: 'Zoë' };
      expect(verifies('POST', '/oauth/request_token', form, 'application/x-www-form-urlencoded', form)).toBe(
        true,
      );
    });

    it('rejects a request whose query was changed after signing', () => {
      const signed = oauth.authorize({ url: 'http://localhost:4815/api/x?count=5', method: 'GET' }, token);
      const params = collectParameters({
        method: 'GET',
        url: '/api/x?count=500',
        authorization: oauth.toHeader(signed).Authorization,
      });
      const baseString = signatureBaseString('GET', baseStringUri(site, '/api/x'), params.all);
      const check = {
        method: 'HMAC-SHA1' as const,
        baseString,
        consumerSecret: consumer.secret,
        tokenSecret: token.secret,
        signature: params.oauth.get('oauth_signature') as string,
      };
      expect(signatureMatches(check)).toBe(false);
      expect(
        signatureMatches({
          ...check,
          signature: hmacSha1Signature(baseString, consumer.secret, token.secret),
        }),
      ).toBe(true);
    });
  });
});
