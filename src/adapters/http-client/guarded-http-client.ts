import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import {
  DestinationRefusedError,
  type OutboundHttp,
  OutboundHttpError,
  OutboundNetworkError,
  type OutboundRequest,
  type OutboundResponse,
  OutboundTimeoutError,
  ResponseTooLargeError,
  TooManyRedirectsError,
} from '../../application/ports/outbound-http.port';
import { DestinationPolicy } from './destination-policy';
import { guardedLookup, type HostResolver, systemResolver } from './guarded-lookup';
import { parseIpAddress } from './ip-address';

export interface GuardedHttpClientOptions {
  /** CIDRs that may be reached although special-purpose (e.g. 127.0.70.0/24 for test nodes); none by default. */
  allowedNetworks?: readonly string[];
  /** Host name resolution; the system resolver by default. */
  resolve?: HostResolver;
  maxRedirects?: number;
  defaultTimeoutMs?: number;
  defaultMaxBytes?: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that carry the caller's identity: they go to the origin the caller named, never to another one. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding']);

interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/**
 * The {@link OutboundHttp} adapter on node:http and node:https. Each request gets its own agent (no pooled socket
 * that an unguarded caller could have opened), connects only through {@link guardedLookup}, and is bounded in time,
 * size and redirects as the port requires.
 */
export class GuardedHttpClient implements OutboundHttp {
  private readonly policy: DestinationPolicy;
  private readonly resolve: HostResolver;
  private readonly maxRedirects: number;
  private readonly defaultTimeoutMs: number;
  private readonly defaultMaxBytes: number;

  constructor(options: GuardedHttpClientOptions = {}) {
    this.policy = new DestinationPolicy(options.allowedNetworks ?? []);
    this.resolve = options.resolve ?? systemResolver;
    this.maxRedirects = options.maxRedirects ?? 3;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 15_000;
    this.defaultMaxBytes = options.defaultMaxBytes ?? 2 * 1024 * 1024;
  }

  async request(request: OutboundRequest): Promise<OutboundResponse> {
    const timeoutMs = request.timeoutMs ?? this.defaultTimeoutMs;
    const maxBytes = request.maxBytes ?? this.defaultMaxBytes;
    // Parsed before the timer starts: a refused URL fails at once and leaves nothing running.
    let hop: Hop = {
      url: this.parseUrl(request.url),
      method: request.method.toUpperCase(),
      headers: { ...request.headers },
      body: request.body,
    };
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const describe = (error: unknown, url: string): OutboundHttpError =>
      error instanceof OutboundHttpError
        ? error
        : deadline.signal.aborted
          ? new OutboundTimeoutError(`no complete answer within ${timeoutMs} ms`, url)
          : new OutboundNetworkError(
              error instanceof Error ? error.message : String(error),
              url,
              (error as NodeJS.ErrnoException | undefined)?.code,
            );
    try {
      for (let redirects = 0; ; redirects++) {
        const response = await this.send(hop, deadline.signal).catch((error: unknown) => {
          throw describe(error, hop.url.href);
        });
        const location = response.headers.location;
        if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || !location) {
          const body = await readCapped(response, maxBytes, hop.url.href).catch((error: unknown) => {
            throw describe(error, hop.url.href);
          });
          return { status: response.statusCode ?? 0, headers: flatten(response), body, url: hop.url.href };
        }
        response.destroy();
        if (redirects >= this.maxRedirects) {
          throw new TooManyRedirectsError(`more than ${this.maxRedirects} redirects`, hop.url.href);
        }
        hop = this.follow(hop, response.statusCode ?? 0, location);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private parseUrl(text: string, base?: URL): URL {
    let url: URL;
    try {
      url = new URL(text, base);
    } catch {
      throw new DestinationRefusedError(`not a valid URL: ${JSON.stringify(text)}`, text);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new DestinationRefusedError(
        `only http and https URLs are fetched, not ${url.protocol}`,
        url.href,
      );
    }
    // node:net connects to an IP literal without calling lookup, so a literal is checked here instead.
    if (parseIpAddress(url.hostname)) {
      const refusal = this.policy.refusalOf(url.hostname);
      if (refusal) throw new DestinationRefusedError(`${url.hostname} is ${refusal}`, url.href);
    }
    return url;
  }

  /** The next hop of a redirect, as RFC 9110 §15.4 describes it; credentials stay with their origin. */
  private follow(hop: Hop, status: number, location: string): Hop {
    const url = this.parseUrl(location, hop.url);
    const becomesGet =
      status === 303 ? hop.method !== 'HEAD' : (status === 301 || status === 302) && hop.method === 'POST';
    const sameOrigin = url.origin === hop.url.origin;
    const headers = Object.fromEntries(
      Object.entries(hop.headers).filter(([name]) => {
        const lower = name.toLowerCase();
        if (!sameOrigin && CREDENTIAL_HEADERS.has(lower)) return false;
        return !(becomesGet && BODY_HEADERS.has(lower));
      }),
    );
    return { url, headers, method: becomesGet ? 'GET' : hop.method, body: becomesGet ? undefined : hop.body };
  }

  private send(hop: Hop, signal: AbortSignal): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const transport = hop.url.protocol === 'https:' ? https : http;
      const headers = { ...hop.headers };
      if (
        hop.body !== undefined &&
        !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')
      ) {
        headers['Content-Length'] = String(Buffer.byteLength(hop.body));
      }
      const outgoing = transport.request(hop.url, {
        method: hop.method,
        headers,
        agent: false,
        signal,
        lookup: guardedLookup(this.resolve, this.policy, hop.url.href),
      });
      outgoing.on('error', reject);
      outgoing.on('response', resolve);
      outgoing.end(hop.body);
    });
  }
}

/** Reads the body, giving up as soon as it is known to exceed `maxBytes` (declared length or bytes received). */
function readCapped(response: IncomingMessage, maxBytes: number, url: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const tooLarge = (): void => {
      response.destroy();
      reject(new ResponseTooLargeError(`the response is larger than ${maxBytes} bytes`, url));
    };
    if (Number(response.headers['content-length'] ?? 0) > maxBytes) return tooLarge();
    const chunks: Buffer[] = [];
    let received = 0;
    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) return tooLarge();
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', reject);
    // A promise settles once: after 'end' this does nothing; before it, the answer was cut short.
    response.on('close', () => reject(new Error('the connection closed before the response was complete')));
  });
}

function flatten(response: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(response.headers)
      .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
      .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
  );
}
