import { preloadedContexts, type DocumentLoader, type RemoteDocument } from '@fedify/fedify/runtime';

import type { OutboundHttp } from '../../application/ports/outbound-http.port';

/** What an ActivityPub server is asked for when we fetch an actor or a key (https://www.w3.org/TR/activitypub/#retrieving-objects). */
const ACCEPT =
  'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"';
const TIMEOUT_MS = 10_000;
const MAX_BYTES = 1024 * 1024;

/** Signs a GET (answers its headers, signature included): the server's own fetches, as its instance actor. */
export type GetSigner = (request: {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
}) => Promise<Record<string, string>>;

/**
 * Fedify's document loader over our {@link OutboundHttp} port, so that every key and actor fetch goes through the
 * guarded client (private addresses refused, time and size capped). The fragment of a key id (`…#main-key`) is
 * not sent: it names a node inside the fetched document. With a signer, the GET is signed (servers in Mastodon's
 * authorized-fetch mode answer a key only to a signed request). A non-200 answer or a body that is not JSON is an error.
 */
export function outboundDocumentLoader(http: OutboundHttp, sign?: GetSigner): DocumentLoader {
  return async (url: string): Promise<RemoteDocument> => {
    const target = new URL(url);
    target.hash = '';
    const base = { method: 'GET', url: target.href, headers: { accept: ACCEPT } };
    const response = await http.request({
      ...base,
      headers: sign === undefined ? base.headers : await sign(base),
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
    });
    if (response.status !== 200) {
      throw new Error(`GET ${target.href} answered ${response.status}`);
    }
    const document: unknown = JSON.parse(Buffer.from(response.body).toString('utf8'));
    return { contextUrl: null, documentUrl: response.url, document };
  };
}

/**
 * The JSON-LD contexts Fedify ships (ActivityStreams, security/v1, data-integrity, ...), and no others: a remote
 * document never makes us fetch a context from the network.
 */
export const preloadedContextLoader: DocumentLoader = (url: string): Promise<RemoteDocument> => {
  if (!Object.prototype.hasOwnProperty.call(preloadedContexts, url)) {
    return Promise.reject(new Error(`JSON-LD context not available offline: ${url}`));
  }
  return Promise.resolve({ contextUrl: null, documentUrl: url, document: preloadedContexts[url] });
};
