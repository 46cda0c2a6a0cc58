import { createHash, createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FedifyHttpSignatures } from '../../../src/adapters/activitypub/fedify-http-signatures';
import { NodeKeyPairGenerator } from '../../../src/adapters/activitypub/node-key-pair-generator';
import type { SignableRequest } from '../../../src/application/ports/http-signatures.port';
import type { GeneratedKeyPair } from '../../../src/application/ports/key-pair-generator.port';
import { FakeClock } from '../../support/fake-clock';
import { FakeOutboundHttp } from '../../support/fake-outbound-http';

/**
 * The signed requests real servers send (test/fixtures/activitypub/<server>/signed-*.json, sources in test/fixtures/activitypub/SOURCES.md),
 * verified through the HttpSignatures adapter. Their private keys are not public, so each shape is signed again
 * here with a test key, exactly in that server's layout: its header list and order, its `algorithm` label (or
 * none), its Signature parameter order, its Digest form, its key id (a fragment, or GoToSocial's `/main-key`
 * path with a stub actor behind it).
 */

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'activitypub');
const NOW = '2026-12-01T12:00:00.000Z';

interface SignedShape {
  method: 'GET' | 'POST';
  url: string;
  keyId: string;
  keyDocumentUrl: string;
  keyDocumentFixture?: string;
  owner: string;
  signatureParameters: string[];
  algorithm?: string;
  signedHeaders: string[];
  digestPrefix?: string;
  headers: Record<string, string>;
  body?: unknown;
  bodyFixture?: string;
}

const SHAPES = [
  'mastodon/signed-post.json',
  'mastodon/signed-get.json',
  'gotosocial/signed-post.json',
  'gotosocial/signed-get.json',
  'misskey/signed-post.json',
  'pleroma/signed-post.json',
];

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));

/** The actor document (or GoToSocial's stub) that serves the key, with the test key's public half in it. */
function keyDocument(shape: SignedShape, server: string, publicKeyPem: string): object {
  const publicKey = { id: shape.keyId, owner: shape.owner, publicKeyPem };
  if (shape.keyDocumentFixture !== undefined) {
    const stub = readJson(join(server, shape.keyDocumentFixture)) as Record<string, unknown>;
    return { ...stub, publicKey };
  }
  return {
    '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
    id: shape.owner,
    type: 'Person',
    inbox: `${shape.owner}/inbox`,
    publicKey,
  };
}

/** The request as that server sends it, signed with `privateKeyPem` in its own layout (draft-cavage-http-signatures-12, section 2.3). */
function signedLikeTheServer(shape: SignedShape, server: string, privateKeyPem: string): SignableRequest {
  const url = new URL(shape.url);
  const body =
    shape.bodyFixture !== undefined
      ? JSON.stringify(readJson(join(server, shape.bodyFixture)))
      : shape.body === undefined
        ? undefined
        : JSON.stringify(shape.body);
  const headers: Record<string, string> = {
    ...shape.headers,
    Host: url.host,
    Date: new Date(NOW).toUTCString(),
  };
  if (body !== undefined) {
    headers['Content-Length'] = String(Buffer.byteLength(body));
    headers.Digest = `${shape.digestPrefix}${createHash('sha256').update(body).digest('base64')}`;
  }
  const valueOf = (name: string): string => {
    if (name === '(request-target)') return `${shape.method.toLowerCase()} ${url.pathname}`;
    const found = Object.entries(headers).find(([header]) => header.toLowerCase() === name);
    if (found === undefined) throw new Error(`${server}: the shape signs ${name}, which it does not send`);
    return found[1];
  };
  const signingString = shape.signedHeaders.map((name) => `${name}: ${valueOf(name)}`).join('\n');
  const signature = createSign('sha256').update(signingString).sign(privateKeyPem, 'base64');
  const parameters: Record<string, string | undefined> = {
    keyId: shape.keyId,
    algorithm: shape.algorithm,
    headers: shape.signedHeaders.join(' '),
    signature,
  };
  headers.Signature = shape.signatureParameters.map((name) => `${name}="${parameters[name]}"`).join(',');
  return { method: shape.method, url: shape.url, headers, body };
}

describe('signed requests in the layouts real servers send, through the HttpSignatures adapter', () => {
  let key: GeneratedKeyPair;
  let otherKey: GeneratedKeyPair;

  beforeAll(async () => {
    const generator = new NodeKeyPairGenerator();
    [key, otherKey] = await Promise.all([generator.generate(), generator.generate()]);
  });

  const setUp = (file: string) => {
    const server = file.split('/')[0];
    const shape = readJson(file) as SignedShape;
    const http = new FakeOutboundHttp().on(shape.keyDocumentUrl, {
      status: 200,
      body: keyDocument(shape, server, key.publicKeyPem),
    });
    const signatures = new FedifyHttpSignatures(http, new FakeClock(NOW));
    return { server, shape, http, signatures };
  };

  it.each(SHAPES)('%s verifies and names the key and its owner', async (file) => {
    const { server, shape, http, signatures } = setUp(file);
    const request = signedLikeTheServer(shape, server, key.privateKeyPem);
    expect(await signatures.verify(request)).toEqual({
      verified: true,
      scheme: 'draft-cavage',
      keyId: shape.keyId,
      ownerId: shape.owner,
    });
    expect(http.urls).toEqual([shape.keyDocumentUrl]);
  });

  it.each(SHAPES)('%s signed by another key is refused', async (file) => {
    const { server, shape, signatures } = setUp(file);
    const request = signedLikeTheServer(shape, server, otherKey.privateKeyPem);
    expect(await signatures.verify(request)).toMatchObject({ verified: false, reason: 'invalid' });
  });

  it.each(SHAPES.filter((file) => file.includes('post')))(
    '%s with its body changed after signing is refused',
    async (file) => {
      const { server, shape, signatures } = setUp(file);
      const request = signedLikeTheServer(shape, server, key.privateKeyPem);
      const tampered = { ...request, body: String(request.body).replace('"type"', '"type" ') };
      expect(await signatures.verify(tampered)).toMatchObject({ verified: false, reason: 'invalid' });
    },
  );
});
