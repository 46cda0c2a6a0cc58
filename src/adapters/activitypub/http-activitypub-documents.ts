import type {
  ActivityPubDocuments,
  FetchedAs2Document,
} from '../../application/ports/activitypub-documents.port';
import type { HttpSignatures, SigningKey } from '../../application/ports/http-signatures.port';
import type { OutboundHttp } from '../../application/ports/outbound-http.port';

/** What is asked for (https://www.w3.org/TR/activitypub/#retrieving-objects). */
const ACCEPT =
  'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"';
const TIMEOUT_MS = 10_000;
const MAX_BYTES = 1024 * 1024;

/**
 * {@link ActivityPubDocuments} over the guarded {@link OutboundHttp} client, signing the GET through the
 * {@link HttpSignatures} port when a key is given, else as the instance actor when there is one (draft-cavage:
 * what Mastodon's authorized-fetch mode checks).
 */
export class HttpActivityPubDocuments implements ActivityPubDocuments {
  constructor(
    private readonly http: OutboundHttp,
    private readonly signatures: HttpSignatures,
    /** Who signs a fetch made for no user (the instance actor, docs/activitypub.md §4); none: unsigned. */
    private readonly instanceKey?: () => Promise<SigningKey>,
  ) {}

  async fetch(id: string, signAs?: SigningKey): Promise<FetchedAs2Document | null> {
    let target: URL;
    try {
      target = new URL(id);
    } catch {
      return null;
    }
    if (target.protocol !== 'https:' && target.protocol !== 'http:') return null;
    target.hash = '';
    const url = target.href;
    try {
      const base = { method: 'GET', url, headers: { accept: ACCEPT } };
      const key = signAs ?? (await this.instanceKey?.());
      const headers =
        key === undefined ? base.headers : await this.signatures.sign(base, key, 'draft-cavage');
      const response = await this.http.request({
        ...base,
        headers,
        timeoutMs: TIMEOUT_MS,
        maxBytes: MAX_BYTES,
      });
      if (response.status < 200 || response.status > 299) return null;
      // Only the object's own origin speaks for it: a redirect to another origin is not its document.
      if (new URL(response.url).origin !== target.origin) return null;
      const document: unknown = JSON.parse(Buffer.from(response.body).toString('utf8'));
      if (typeof document !== 'object' || document === null || Array.isArray(document)) return null;
      const named = (document as Record<string, unknown>).id;
      return named === url || named === id ? (document as FetchedAs2Document) : null;
    } catch {
      return null;
    }
  }
}
