/**
 * The only way out of the process (docs/architecture.md §2c): one HTTP request to a remote server, guarded.
 *
 * Every adapter must honour these invariants:
 * - Only `http:` and `https:` URLs are fetched; anything else is refused before any I/O.
 * - The host name is resolved, and every address is checked at connect time: loopback, private, link-local,
 *   unique-local, unspecified, multicast, broadcast and carrier-grade NAT addresses (and IPv4-mapped IPv6
 *   forms of them) are refused with {@link DestinationRefusedError} before any connection is attempted, unless
 *   they lie inside a network the operator explicitly allowed.
 * - `timeoutMs` bounds the whole exchange, redirects included ({@link OutboundTimeoutError}).
 * - A response body larger than `maxBytes` is aborted as soon as that is known ({@link ResponseTooLargeError}).
 * - Redirects are followed up to a limit ({@link TooManyRedirectsError}); each hop is checked by the same rules,
 *   and credentials and cookies are never forwarded to a different origin.
 * - Anything else that goes wrong on the wire is an {@link OutboundNetworkError}. Any HTTP status, 4xx and 5xx
 *   included, is an answer, not an error.
 */
export interface OutboundHttp {
  request(request: OutboundRequest): Promise<OutboundResponse>;
}
export const OutboundHttp = Symbol('OutboundHttp');

export interface OutboundRequest {
  method: string;
  url: string;
  /** Header names are case-insensitive; sent as given. */
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Total time allowed for the request and all its redirects; the adapter has a default. */
  timeoutMs?: number;
  /** Largest response body accepted, in bytes; the adapter has a default. */
  maxBytes?: number;
}

export interface OutboundResponse {
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Uint8Array;
  /** The URL that finally answered, after redirects. */
  url: string;
}

export type OutboundHttpFailure =
  'destination-refused' | 'timeout' | 'too-large' | 'too-many-redirects' | 'network';

/** Base of every failure of {@link OutboundHttp}; `failure` tells callers which one without instanceof chains. */
export abstract class OutboundHttpError extends Error {
  abstract readonly failure: OutboundHttpFailure;
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The URL's scheme or an address its host resolves to is not one we may reach. */
export class DestinationRefusedError extends OutboundHttpError {
  readonly failure = 'destination-refused';
}

export class OutboundTimeoutError extends OutboundHttpError {
  readonly failure = 'timeout';
}

export class ResponseTooLargeError extends OutboundHttpError {
  readonly failure = 'too-large';
}

export class TooManyRedirectsError extends OutboundHttpError {
  readonly failure = 'too-many-redirects';
}

export class OutboundNetworkError extends OutboundHttpError {
  readonly failure = 'network';
  constructor(
    message: string,
    url: string,
    /** The system error code when there is one (`ENOTFOUND`: the name does not resolve; `ECONNREFUSED`, ...). */
    readonly code?: string,
  ) {
    super(message, url);
  }
}
