import { createHash, createSign } from 'node:crypto';

import { FedifyHttpSignatures } from '../../../src/adapters/activitypub/fedify-http-signatures';
import { NodeKeyPairGenerator } from '../../../src/adapters/activitypub/node-key-pair-generator';
import type { SignableRequest, SignatureScheme } from '../../../src/application/ports/http-signatures.port';
import type { GeneratedKeyPair } from '../../../src/application/ports/key-pair-generator.port';
import { FakeClock } from '../../support/fake-clock';
import { FakeOutboundHttp } from '../../support/fake-outbound-http';

const ACTOR = 'https://remote.test/users/zoe';
const KEY_ID = `${ACTOR}#main-key`;
const SCHEMES: SignatureScheme[] = ['draft-cavage', 'rfc9421'];

function actorDocument(publicKeyPem: string, overrides: Record<string, unknown> = {}) {
  return {
    '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
    id: ACTOR,
    type: 'Person',
    inbox: `${ACTOR}/inbox`,
    publicKey: { id: KEY_ID, owner: ACTOR, publicKeyPem, ...overrides },
  };
}

const delivery = (body = '{"type":"Create","actor":"https://remote.test/users/zoe"}'): SignableRequest => ({
  method: 'POST',
  url: 'https://house.test/api/activitypub/user/alice/inbox',
  headers: { 'content-type': 'application/activity+json' },
  body,
});

describe('FedifyHttpSignatures', () => {
  let keyA: GeneratedKeyPair;
  let keyB: GeneratedKeyPair;
  let clock: FakeClock;
  let http: FakeOutboundHttp;
  let signatures: FedifyHttpSignatures;

  beforeAll(async () => {
    const generator = new NodeKeyPairGenerator();
    [keyA, keyB] = await Promise.all([generator.generate(), generator.generate()]);
  });

  beforeEach(() => {
    clock = new FakeClock('2026-12-01T12:00:00.000Z');
    http = new FakeOutboundHttp().on(ACTOR, { status: 200, body: actorDocument(keyA.publicKeyPem) });
    signatures = new FedifyHttpSignatures(http, clock);
  });

  const signedBy = async (pair: GeneratedKeyPair, scheme: SignatureScheme, request = delivery()) => {
    const headers = await signatures.sign(
      request,
      { keyId: KEY_ID, privateKeyPem: pair.privateKeyPem },
      scheme,
    );
    return { ...request, headers };
  };

  it.each(SCHEMES)('%s: verifies a signed delivery and names the key and its owner', async (scheme) => {
    const request = await signedBy(keyA, scheme);
    expect(await signatures.verify(request)).toEqual({
      verified: true,
      scheme,
      keyId: KEY_ID,
      ownerId: ACTOR,
    });
    // The key id's fragment is not sent: the actor document is fetched.
    expect(http.urls).toEqual([ACTOR]);
  });

  it('draft-cavage: signs with rsa-sha256 over the target, host, date and the SHA-256 Digest', async () => {
    const { headers } = await signedBy(keyA, 'draft-cavage');
    expect(headers.digest).toMatch(/^SHA-256=/);
    expect(headers.date).toBe('Tue, 01 Dec 2026 12:00:00 GMT');
    expect(headers.signature).toContain('algorithm="rsa-sha256"');
    expect(headers.signature).toMatch(/headers="\(request-target\)[^"]*\bdate\b[^"]*\bdigest\b[^"]*\bhost"/);
  });

  it('rfc9421: signs the method, target, authority, date and Content-Digest', async () => {
    const { headers } = await signedBy(keyA, 'rfc9421');
    expect(headers['content-digest']).toMatch(/^sha-256=:/);
    expect(headers['signature-input']).toContain('"@method" "@target-uri" "@authority"');
    expect(headers['signature-input']).toContain('"content-digest"');
    expect(headers['signature-input']).toContain(`keyid="${KEY_ID}"`);
  });

  it.each(SCHEMES)('%s: verifies a signed GET (authorized fetch) without a body', async (scheme) => {
    const get: SignableRequest = {
      method: 'GET',
      url: 'https://house.test/alice',
      headers: { accept: 'application/activity+json' },
    };
    expect(await signatures.verify(await signedBy(keyA, scheme, get))).toMatchObject({ verified: true });
  });

  it.each(SCHEMES)('%s: refuses a tampered body', async (scheme) => {
    const request = await signedBy(keyA, scheme);
    const tampered = { ...request, body: '{"type":"Delete","actor":"https://remote.test/users/zoe"}' };
    expect(await signatures.verify(tampered)).toEqual({ verified: false, reason: 'invalid', keyId: KEY_ID });
  });

  it('draft-cavage: refuses a body whose Digest was recomputed but not signed again', async () => {
    const request = await signedBy(keyA, 'draft-cavage');
    const body = '{"type":"Delete"}';
    const digest = `SHA-256=${createHash('sha256').update(body).digest('base64')}`;
    const tampered = { ...request, body, headers: { ...request.headers, digest } };
    expect(await signatures.verify(tampered)).toMatchObject({ verified: false, reason: 'invalid' });
  });

  it.each(SCHEMES)('%s: refuses a tampered target path', async (scheme) => {
    const request = await signedBy(keyA, scheme);
    const moved = { ...request, url: 'https://house.test/api/activitypub/user/bob/inbox' };
    expect(await signatures.verify(moved)).toMatchObject({ verified: false, reason: 'invalid' });
  });

  it.each(SCHEMES)('%s: refuses a signature made with another key than the published one', async (scheme) => {
    const request = await signedBy(keyB, scheme);
    expect(await signatures.verify(request)).toEqual({ verified: false, reason: 'invalid', keyId: KEY_ID });
  });

  it.each(SCHEMES)('%s: refuses a signature whose Date is more than an hour old', async (scheme) => {
    const request = await signedBy(keyA, scheme);
    clock.advance(61 * 60 * 1000);
    expect(await signatures.verify(request)).toMatchObject({ verified: false, reason: 'invalid' });
  });

  it.each(SCHEMES)('%s: accepts a Date a few minutes old (clock skew)', async (scheme) => {
    const request = await signedBy(keyA, scheme);
    clock.advance(5 * 60 * 1000);
    expect(await signatures.verify(request)).toMatchObject({ verified: true });
  });

  it.each(SCHEMES)(
    '%s: after a key rotation, fetches the key again once and accepts the new key',
    async (scheme) => {
      expect(await signatures.verify(await signedBy(keyA, scheme))).toMatchObject({ verified: true });
      expect(await signatures.verify(await signedBy(keyA, scheme))).toMatchObject({ verified: true });
      expect(http.urls).toEqual([ACTOR]); // the second check used the cached key

      http.on(ACTOR, { status: 200, body: actorDocument(keyB.publicKeyPem) });
      expect(await signatures.verify(await signedBy(keyB, scheme))).toMatchObject({ verified: true });
      expect(http.urls).toEqual([ACTOR, ACTOR]);
      // The new key is cached in turn.
      expect(await signatures.verify(await signedBy(keyB, scheme))).toMatchObject({ verified: true });
      expect(http.urls).toEqual([ACTOR, ACTOR]);
    },
  );

  it.each(SCHEMES)('%s: refetches only once when the fresh key fails too', async (scheme) => {
    expect(await signatures.verify(await signedBy(keyA, scheme))).toMatchObject({ verified: true });
    expect(await signatures.verify(await signedBy(keyB, scheme))).toMatchObject({ verified: false });
    expect(http.urls).toEqual([ACTOR, ACTOR]);
  });

  it('answers unsigned for a request with no signature, fetching nothing', async () => {
    expect(await signatures.verify(delivery())).toEqual({ verified: false, reason: 'unsigned' });
    expect(http.urls).toEqual([]);
  });

  it('answers key-unavailable when the key document cannot be fetched', async () => {
    http.on(ACTOR, { status: 410, body: 'gone' });
    expect(await signatures.verify(await signedBy(keyA, 'draft-cavage'))).toMatchObject({
      verified: false,
      reason: 'key-unavailable',
    });
  });

  it('refuses a key whose document names an owner on another origin', async () => {
    http.on(ACTOR, {
      status: 200,
      body: actorDocument(keyA.publicKeyPem, { owner: 'https://victim.test/users/v' }),
    });
    expect(await signatures.verify(await signedBy(keyA, 'draft-cavage'))).toEqual({
      verified: false,
      reason: 'owner-mismatch',
      keyId: KEY_ID,
    });
  });

  it('answers invalid, never throws, for garbage signature headers', async () => {
    const garbage: Record<string, string>[] = [
      { signature: 'nonsense' },
      { signature: 'keyId="not a url",signature="AAAA",headers="date"', date: 'yesterday' },
      { 'signature-input': 'sig1=(', signature: 'sig1=:AAAA:' },
    ];
    for (const headers of garbage) {
      const result = await signatures.verify({ ...delivery(), headers });
      expect(result.verified).toBe(false);
    }
  });

  it('verifies a draft-cavage signature made independently of Fedify, shaped as Mastodon sends it', async () => {
    // Mastodon signs `(request-target) host date digest content-type` with rsa-sha256 (docs/activitypub.md §4);
    // this one is built with node:crypto alone, so the check does not only agree with itself.
    const body =
      '{"type":"Follow","actor":"https://remote.test/users/zoe","object":"https://house.test/alice"}';
    const date = clock.now().toUTCString();
    const digest = `SHA-256=${createHash('sha256').update(body).digest('base64')}`;
    const path = '/api/activitypub/user/alice/inbox';
    const signingString = [
      `(request-target): post ${path}`,
      'host: house.test',
      `date: ${date}`,
      `digest: ${digest}`,
      'content-type: application/activity+json',
    ].join('\n');
    const signature = createSign('sha256').update(signingString).sign(keyA.privateKeyPem, 'base64');
    const headers = {
      host: 'house.test',
      date,
      digest,
      'content-type': 'application/activity+json',
      signature: `keyId="${KEY_ID}",algorithm="rsa-sha256",headers="(request-target) host date digest content-type",signature="${signature}"`,
    };
    const request = { method: 'POST', url: `https://house.test${path}`, headers, body };
    expect(await signatures.verify(request)).toMatchObject({ verified: true, keyId: KEY_ID, ownerId: ACTOR });
    expect(await signatures.verify({ ...request, body: body.replace('Follow', 'Block') })).toMatchObject({
      verified: false,
    });
  });
});
