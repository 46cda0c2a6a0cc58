import { invalid } from '../../domain/errors/domain-error';

/** What a registration request may set on a client (docs/protocol.md §2.1), validated. */
export interface ClientRegistrationFields {
  readonly title?: string;
  readonly type: 'web' | 'native' | null;
  readonly contacts?: string[];
  readonly logoUrl?: string;
  readonly redirectUris?: string[];
}

/** The longest URL stored (logo, redirect URI, OAuth callback): far beyond any real one, far below a body. */
export const MAX_URL_LENGTH = 2048;
/** At most this many contacts and redirect URIs per client. */
const MAX_LIST_ENTRIES = 10;
// RFC 5321 §4.5.3.1.3: a path, and so an address in it, is at most 256 octets with its angle brackets.
const MAX_EMAIL_LENGTH = 254;

/**
 * The longest value of every registration field read (each is stored or compared), in characters. A longer one
 * is refused naming the field, so nobody can store megabytes per registration.
 */
const MAX_FIELD_LENGTH: Readonly<Record<string, number>> = {
  type: 32,
  application_type: 16,
  application_name: 255,
  logo_url: MAX_URL_LENGTH,
  contacts: MAX_LIST_ENTRIES * (MAX_EMAIL_LENGTH + 1),
  redirect_uris: MAX_LIST_ENTRIES * (MAX_URL_LENGTH + 1),
  client_id: 128,
  client_secret: 128,
};

// Unquoted local part of RFC 5322 and a dotted domain: no commas, no spaces, so "a@b.c,d@e.f" fails as pump.io's does.
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/**
 * Reads and validates the client fields of a registration body: `contacts` (up to 10 space-separated emails),
 * `application_type` (`web`/`native`, null when absent), `application_name`, `logo_url` (one URL) and
 * `redirect_uris` (up to 10 space-separated URLs, none with a `#fragment`: RFC 6749 §3.1.2). Every malformed or
 * over-long field is an `invalid` DomainError naming it.
 */
export function parseClientFields(params: Readonly<Record<string, unknown>>): ClientRegistrationFields {
  const fields: {
    title?: string;
    type: 'web' | 'native' | null;
    contacts?: string[];
    logoUrl?: string;
    redirectUris?: string[];
  } = { type: null };
  const contacts = optionalString(params, 'contacts');
  if (contacts !== undefined) {
    const list = contacts.split(' ');
    if (list.length > MAX_LIST_ENTRIES || !list.every((contact) => isEmail(contact))) {
      throw invalid('client.bad-contacts', 'contacts must be up to 10 space-separated email addresses');
    }
    fields.contacts = list;
  }
  const type = optionalString(params, 'application_type');
  if (type !== undefined) {
    if (type !== 'web' && type !== 'native') {
      throw invalid('client.bad-type', "application_type must be 'web' or 'native'");
    }
    fields.type = type;
  }
  const name = optionalString(params, 'application_name');
  if (name !== undefined) fields.title = name;
  const logo = optionalString(params, 'logo_url');
  if (logo !== undefined) {
    if (!isHttpUrl(logo)) throw invalid('client.bad-logo-url', 'logo_url must be a URL');
    fields.logoUrl = logo;
  }
  const redirects = optionalString(params, 'redirect_uris');
  if (redirects !== undefined) {
    const list = redirects.split(' ');
    // One entry holding two URLs means the client joined them with something other than a space.
    const valid = (uri: string) => isCallbackUrl(uri) && (uri.match(/https?:/gi) ?? []).length === 1;
    if (list.length > MAX_LIST_ENTRIES || !list.every(valid)) {
      throw invalid(
        'client.bad-redirect-uris',
        'redirect_uris must be up to 10 space-separated URLs without a #fragment',
      );
    }
    fields.redirectUris = list;
  }
  return fields;
}

/**
 * A field that must be a string when present, no longer than its limit; any other JSON value, or a longer
 * string, is `invalid` naming the field.
 */
export function optionalString(
  params: Readonly<Record<string, unknown>>,
  name: keyof typeof MAX_FIELD_LENGTH,
): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid('client.bad-field', `${name} must be a string`);
  const max = MAX_FIELD_LENGTH[name];
  if (value.length > max) {
    throw invalid('client.field-too-long', `${name} is too long (at most ${max} characters)`, {
      field: name,
    });
  }
  return value;
}

function isEmail(value: string): boolean {
  return value.length <= MAX_EMAIL_LENGTH && EMAIL.test(value);
}

/**
 * Where a browser may be sent back to with credentials: an absolute http(s) URL of at most
 * {@link MAX_URL_LENGTH} characters and without a fragment, as RFC 6749 §3.1.2 requires of redirection
 * endpoints (the query is appended to it; a fragment would swallow it).
 */
export function isCallbackUrl(value: string): boolean {
  return value.length <= MAX_URL_LENGTH && !value.includes('#') && isHttpUrl(value);
}

/** An absolute http(s) URL with a host and nothing a URL may not hold (spaces, control characters). */
export function isHttpUrl(value: string): boolean {
  if (/[\s\p{Cc}]/u.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
