import { webcrypto } from 'node:crypto';

import {
  signRequest,
  verifyRequestDetailed,
  type KeyCache,
  type SignRequestOptions,
} from '@fedify/fedify/sig';
import { Temporal } from '@js-temporal/polyfill';

import type { Clock } from '../../application/ports/clock.port';
import type {
  HttpSignatures,
  RejectedSignature,
  SignableRequest,
  SignatureScheme,
  SigningKey,
  VerifiedSignature,
} from '../../application/ports/http-signatures.port';
import type { OutboundHttp } from '../../application/ports/outbound-http.port';
import {
  type GetSigner,
  outboundDocumentLoader,
  preloadedContextLoader,
} from './activitypub-document-loader';
import { BoundedKeyCache } from './bounded-key-cache';

type FedifyInstant = NonNullable<SignRequestOptions['currentTime']>;

const FEDIFY_SPEC = {
  'draft-cavage': 'draft-cavage-http-signatures-12',
  rfc9421: 'rfc9421',
} as const;

/** How far a signature's Date (or `created`) may lie from now, either way; Fedify's default, as Mastodon's skew margin. */
const TIME_WINDOW = { hours: 1 };

/**
 * {@link HttpSignatures} on Fedify's standalone functions (docs/activitypub.md §1): `signRequest` and
 * `verifyRequestDetailed` do the canonicalisation of both schemes; keys are fetched through our guarded HTTP
 * client, JSON-LD contexts only from Fedify's preloaded set, the time comes from our Clock. Fedify retries a
 * cached key that fails with a fresh fetch, once (key rotation); the cache here is per process and bounded.
 */
export class FedifyHttpSignatures implements HttpSignatures {
  private readonly keyCache: KeyCache;

  constructor(
    private readonly http: OutboundHttp,
    private readonly clock: Clock,
    keyCache: KeyCache = new BoundedKeyCache(),
    /** The key the key fetches of a verification are signed with (the instance actor's); none: unsigned. */
    private readonly fetchKey?: () => Promise<SigningKey>,
  ) {
    this.keyCache = keyCache;
  }

  async sign(
    request: SignableRequest,
    key: SigningKey,
    scheme: SignatureScheme,
  ): Promise<Record<string, string>> {
    const privateKey = await importPrivateKey(key.privateKeyPem);
    const signed = await signRequest(toFetchRequest(request), privateKey, new URL(key.keyId), {
      spec: FEDIFY_SPEC[scheme],
      currentTime: this.now(),
    });
    return Object.fromEntries(signed.headers.entries());
  }

  async verify(request: SignableRequest): Promise<VerifiedSignature | RejectedSignature> {
    const fetchRequest = toFetchRequestOrNull(request);
    if (fetchRequest === null) return { verified: false, reason: 'invalid' };
    const scheme: SignatureScheme = fetchRequest.headers.has('signature-input') ? 'rfc9421' : 'draft-cavage';
    let result;
    try {
      result = await verifyRequestDetailed(fetchRequest, {
        documentLoader: outboundDocumentLoader(this.http, this.signGet()),
        contextLoader: preloadedContextLoader,
        keyCache: this.keyCache,
        currentTime: this.now(),
        timeWindow: TIME_WINDOW,
      });
    } catch {
      // A signature header malformed enough to make the library throw is a bad signature, not our failure.
      return { verified: false, reason: 'invalid' };
    }
    if (!result.verified) {
      const { reason } = result;
      if (reason.type === 'noSignature') return { verified: false, reason: 'unsigned' };
      const keyId = reason.keyId?.href;
      const why = reason.type === 'keyFetchError' ? 'key-unavailable' : 'invalid';
      return keyId === undefined ? { verified: false, reason: why } : { verified: false, reason: why, keyId };
    }
    const keyId = result.key.id?.href;
    const ownerId = result.key.ownerId?.href;
    if (keyId === undefined || ownerId === undefined) return { verified: false, reason: 'invalid' };
    // A key document may name any owner; only an owner on the key's own origin is believed (the origin that
    // served the key vouches for it), as the inbox then matches that owner to the activity's actor.
    if (new URL(ownerId).origin !== new URL(keyId).origin) {
      return { verified: false, reason: 'owner-mismatch', keyId };
    }
    return { verified: true, scheme, keyId, ownerId };
  }

  /** Signs the key fetches as the instance actor, when there is one (draft-cavage: what Mastodon checks). */
  private signGet(): GetSigner | undefined {
    const { fetchKey } = this;
    if (fetchKey === undefined) return undefined;
    return async (request) => this.sign(request, await fetchKey(), 'draft-cavage');
  }

  /**
   * Our clock's now as the Temporal.Instant Fedify computes with. Fedify's CommonJS build runs on
   * @js-temporal/polyfill while its types name the standard Temporal, hence the cast between the two.
   */
  private now(): FedifyInstant {
    return Temporal.Instant.fromEpochMilliseconds(this.clock.now().getTime()) as unknown as FedifyInstant;
  }
}

/** The PKCS #8 PEM as a WebCrypto key; extractable because Fedify's key check insists on it (it stays in memory). */
async function importPrivateKey(pem: string): Promise<webcrypto.CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, [
    'sign',
  ]);
}

function toFetchRequest(request: SignableRequest): Request {
  const hasBody = request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? request.body : undefined,
  });
}

/** The fetch Request of an incoming request, or null when its URL, method or headers are not valid ones. */
function toFetchRequestOrNull(request: SignableRequest): Request | null {
  try {
    return toFetchRequest(request);
  } catch {
    return null;
  }
}
