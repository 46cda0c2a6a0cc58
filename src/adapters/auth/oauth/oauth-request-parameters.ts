import { invalid } from '../../../domain/errors/domain-error';
import { formDecode, percentDecode } from './oauth-percent-encoding';

/** One request as the OAuth verifier needs it, independent of the web framework. */
export interface OAuthHttpRequest {
  /** The HTTP method, any case. */
  readonly method: string;
  /** The request target as received: the path (without the public `urlPath` prefix) and the raw query. */
  readonly url: string;
  /** The `Host` header, lower case or not; what a request reaching the node directly was signed against. */
  readonly host?: string;
  readonly authorization?: string;
  readonly contentType?: string;
  /** The parsed body: only read when the content type is exactly form-urlencoded. */
  readonly body?: unknown;
}

/** Name/value pairs in the order found; a name may repeat (RFC 5849 §3.4.1.3). */
export type ParameterList = ReadonlyArray<readonly [string, string]>;

/** Every parameter of a request, and the `oauth_*` protocol parameters by name. */
export interface RequestParameters {
  /** Header (without `realm`), query and form parameters: what the signature base string covers. */
  readonly all: ParameterList;
  /** The `oauth_*` parameters, each present at most once across all sources. */
  readonly oauth: ReadonlyMap<string, string>;
}

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const HEADER_PARAM = /^\s*([^\s=]+)\s*=\s*"([^"]*)"\s*$/;

/**
 * The parameters of an `Authorization: OAuth ...` header (RFC 5849 §3.5.1), `realm` dropped; null when the
 * header is absent or of another scheme. A malformed OAuth header is `invalid`.
 */
export function parseAuthorizationHeader(header: string | undefined): ParameterList | null {
  if (header === undefined) return null;
  const match = /^\s*OAuth(?:\s+([\s\S]*))?$/i.exec(header);
  if (match === null) return null;
  const rest = (match[1] ?? '').trim();
  if (rest === '') return [];
  const params: Array<[string, string]> = [];
  // Values are quoted and percent-encoded, so a comma can only separate parameters.
  for (const part of rest.split(',')) {
    const pair = HEADER_PARAM.exec(part);
    if (pair === null) throw invalid('oauth.bad-header', 'Invalid OAuth Authorization header');
    const name = percentDecode(pair[1]);
    if (name !== 'realm') params.push([name, percentDecode(pair[2])]);
  }
  return params;
}

/** The parameters of a raw query string (`a=1&b=x%20y`), form-decoded, repeats kept. */
export function parseQuery(query: string): ParameterList {
  if (query === '') return [];
  return query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.indexOf('=');
      return at < 0
        ? [formDecode(part), '']
        : [formDecode(part.slice(0, at)), formDecode(part.slice(at + 1))];
    });
}

/**
 * Collects the parameters RFC 5849 §3.4.1.3 signs: the OAuth header, the query string and, only when the
 * Content-Type is exactly `application/x-www-form-urlencoded` (as pump.io decides), the form body. A JSON body is
 * never signed. A protocol parameter given twice with the same value counts once; with different values it is
 * `invalid`. A header parameter that the query or form repeats with the same value counts once too (see
 * {@link withoutRepeatedHeaderParameters}).
 */
export function collectParameters(req: OAuthHttpRequest): RequestParameters {
  const elsewhere: Array<readonly [string, string]> = [];
  const at = req.url.indexOf('?');
  if (at >= 0) elsewhere.push(...parseQuery(req.url.slice(at + 1)));
  if (req.contentType?.trim().toLowerCase() === FORM_CONTENT_TYPE)
    elsewhere.push(...formBodyParameters(req.body));
  const header = withoutRepeatedHeaderParameters(
    parseAuthorizationHeader(req.authorization) ?? [],
    elsewhere,
  );
  const found = [...header, ...elsewhere];
  const all: Array<readonly [string, string]> = [];
  const oauth = new Map<string, string>();
  for (const [name, value] of found) {
    if (name.startsWith('oauth_')) {
      // Clients such as oauth-1.0a copy `oauth_*` form fields into the header as well, and sign them once; the
      // same value twice is one parameter, two different values are an error.
      if (oauth.get(name) === value) continue;
      if (oauth.has(name)) throw invalid('oauth.duplicate-parameter', `Duplicate OAuth parameter: ${name}`);
      oauth.set(name, value);
    }
    all.push([name, value]);
  }
  return { all, oauth };
}

/**
 * The header's parameters less the non-protocol ones that the query or form body also holds with the same value.
 * RFC 5849 §3.5.1 puts only protocol parameters in the header, but QOAuth (Dianara's library) copies a GET's query
 * parameters into it as well, having signed them once; pump.io reads parameters by name, so it counts them once.
 * A repeat with another value is kept, and the signature then fails.
 */
function withoutRepeatedHeaderParameters(header: ParameterList, elsewhere: ParameterList): ParameterList {
  const repeated = new Set(elsewhere.map(([name, value]) => `${name}=${value}`));
  return header.filter(([name, value]) => name.startsWith('oauth_') || !repeated.has(`${name}=${value}`));
}

/** True when the request carries any OAuth credential at all (a consumer key in any source, or an OAuth header). */
export function hasOAuthCredentials(req: OAuthHttpRequest, params: RequestParameters): boolean {
  return parseAuthorizationHeader(req.authorization) !== null || params.oauth.has('oauth_consumer_key');
}

/** A flat form body (`extended: false` parsing): string values, or arrays of them for a repeated name. */
function formBodyParameters(body: unknown): ParameterList {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  const params: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (typeof item !== 'string') throw invalid('oauth.bad-body', 'Invalid form body');
      params.push([name, item]);
    }
  }
  return params;
}
