/**
 * The `Authorization: Dialback …` header of a server-to-server request (docs/protocol.md §7.4, §7.6), as plain
 * string rules: which identity a request claims (a host, or a `nick@host` webfinger) and with which token.
 *
 * What we send is what pump.io's own parser reads: it splits the fields on `", "` and each field on `=`, then drops
 * the quotes, so fields are separated by exactly `", "`, every value is quoted, and no value contains `=`, `"` or
 * `,`. What we accept is a little wider (any optional whitespace around commas, unquoted values), but never
 * ambiguous: a field given twice, both identities, no token, or any over-long part refuses the whole header.
 */

/** Who a Dialback-signed request speaks for: a server (`host=`) or one of its users (`webfinger=`). */
export type DialbackClaim =
  | { readonly kind: 'host'; readonly host: string }
  | { readonly kind: 'webfinger'; readonly webfinger: string };

/** A well-formed Dialback header: the identity it claims and the token the claimed server must recognise. */
export interface DialbackCredentials {
  readonly identity: DialbackClaim;
  readonly token: string;
}

/** Why a header is refused; the wording is for logs, never for the peer (which only reads the 401). */
export type DialbackHeaderProblem =
  | 'not a Dialback header'
  | 'header too long'
  | 'malformed fields'
  | 'duplicate field'
  | 'no identity'
  | 'both host and webfinger'
  | 'bad identity'
  | 'no token'
  | 'bad token';

export type DialbackHeaderParse =
  | { readonly ok: true; readonly credentials: DialbackCredentials }
  | { readonly ok: false; readonly problem: DialbackHeaderProblem };

/** Far above any real header (a 253-character host, a 64-character token), far below what a parser should chew. */
export const MAX_DIALBACK_HEADER_LENGTH = 1024;
/** Longest token accepted; ours are 11 characters, pump.io's too. */
export const MAX_DIALBACK_TOKEN_LENGTH = 128;
/** Longest local part of a webfinger accepted (RFC 5321 §4.5.3.1.1 allows 64 octets). */
const MAX_LOCAL_PART_LENGTH = 64;
/** A DNS name is at most 253 characters (RFC 1035 §2.3.4), plus `:65535`. */
const MAX_HOST_LENGTH = 253 + 6;

const SCHEME = /^Dialback\s+/i;
// One `name=value` field: a quoted value without quotes or backslashes (no legitimate value needs either), or a
// bare value of token characters. Then a comma (with optional whitespace) or the end.
const FIELD = /\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(?:"([^"\\]*)"|([^\s",\\]+))\s*(?:,|$)/y;
const LABEL = '[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?';
const HOST = new RegExp(`^${LABEL}(\\.${LABEL})*(:[1-9][0-9]{0,4})?$`, 'i');
// The local part of a webfinger as pump.io and common servers form it: no `@`, no `:` (so no `acct:` prefix), no
// space, quote or comma.
const LOCAL_PART = /^[A-Za-z0-9._~!$&'()*+;%-]+$/;
// Token characters that survive pump.io's parser: no `=`, no quote, no comma, no space.
const TOKEN = /^[A-Za-z0-9._~+/-]+$/;

/** True for `name` or `name:port` (a DNS name or an IPv4 address, port 1–65535). */
export function isDialbackHost(host: string): boolean {
  if (host.length > MAX_HOST_LENGTH || !HOST.test(host)) return false;
  const colon = host.indexOf(':');
  return colon === -1 || Number(host.slice(colon + 1)) <= 65535;
}

/** True for `nick@host` with exactly one `@`, a plain local part and a {@link isDialbackHost} host. */
export function isDialbackWebfinger(webfinger: string): boolean {
  const parts = webfinger.split('@');
  if (parts.length !== 2) return false;
  const [local, host] = parts;
  return local.length <= MAX_LOCAL_PART_LENGTH && LOCAL_PART.test(local) && isDialbackHost(host);
}

/** True for a token that pump.io's parser reads back unchanged. */
export function isDialbackToken(token: string): boolean {
  return token.length <= MAX_DIALBACK_TOKEN_LENGTH && TOKEN.test(token);
}

/** The identity as a string, as both sides remember it: the host, or `nick@host`. */
export function identityString(identity: DialbackClaim): string {
  return identity.kind === 'host' ? identity.host : identity.webfinger;
}

/** The host (with its port, if it names one) that alone may vouch for `identity`, lower case. */
export function identityHost(identity: DialbackClaim): string {
  const text = identityString(identity);
  return text.slice(text.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * The header value for `identity` and `token`: `Dialback host="…", token="…"` (or `webfinger="…"`). Throws when
 * either would not survive pump.io's parser: they are ours, so that is a bug, never the peer's input.
 */
export function formatDialbackAuthorization(identity: DialbackClaim, token: string): string {
  const valid =
    identity.kind === 'host' ? isDialbackHost(identity.host) : isDialbackWebfinger(identity.webfinger);
  if (!valid) throw new Error(`not a Dialback identity: ${JSON.stringify(identityString(identity))}`);
  if (!isDialbackToken(token)) throw new Error('not a Dialback token');
  return `Dialback ${identity.kind}="${identityString(identity)}", token="${token}"`;
}

/** Reads an `Authorization` header value; anything but one well-formed identity and one token is refused. */
export function parseDialbackAuthorization(header: string): DialbackHeaderParse {
  if (header.length > MAX_DIALBACK_HEADER_LENGTH) return refused('header too long');
  const scheme = SCHEME.exec(header);
  if (scheme === null) return refused('not a Dialback header');
  const fields = readFields(header, scheme[0].length);
  if (fields === 'malformed fields' || fields === 'duplicate field') return refused(fields);
  const host = fields.get('host');
  const webfinger = fields.get('webfinger');
  if (host !== undefined && webfinger !== undefined) return refused('both host and webfinger');
  let identity: DialbackClaim;
  if (host !== undefined) {
    if (!isDialbackHost(host)) return refused('bad identity');
    identity = { kind: 'host', host };
  } else if (webfinger !== undefined) {
    if (!isDialbackWebfinger(webfinger)) return refused('bad identity');
    identity = { kind: 'webfinger', webfinger };
  } else {
    return refused('no identity');
  }
  const token = fields.get('token');
  if (token === undefined || token === '') return refused('no token');
  if (!isDialbackToken(token)) return refused('bad token');
  return { ok: true, credentials: { identity, token } };
}

/** The fields after the scheme, names lower-cased; unknown fields are kept and ignored by the caller. */
function readFields(
  header: string,
  start: number,
): Map<string, string> | 'malformed fields' | 'duplicate field' {
  const fields = new Map<string, string>();
  FIELD.lastIndex = start;
  while (FIELD.lastIndex < header.length) {
    const at = FIELD.lastIndex;
    const match = FIELD.exec(header);
    if (match === null || FIELD.lastIndex === at) return 'malformed fields';
    const name = match[1].toLowerCase();
    if (fields.has(name)) return 'duplicate field';
    fields.set(name, match[2] ?? match[3]);
    // A trailing comma with nothing after it is as malformed as a missing field.
    if (FIELD.lastIndex === header.length && header.trimEnd().endsWith(',')) return 'malformed fields';
  }
  return fields.size === 0 ? 'malformed fields' : fields;
}

function refused(problem: DialbackHeaderProblem): DialbackHeaderParse {
  return { ok: false, problem };
}
