import { invalid } from '../../domain/errors/domain-error';

/** What a registration request may set on a client (pumpio-protocol.md §2.1), validated. */
export interface ClientRegistrationFields {
  readonly title?: string;
  readonly type: 'web' | 'native' | null;
  readonly contacts?: string[];
  readonly logoUrl?: string;
  readonly redirectUris?: string[];
}

// Unquoted local part of RFC 5322 and a dotted domain: no commas, no spaces, so "a@b.c,d@e.f" fails as pump.io's does.
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/**
 * Reads and validates the client fields of a registration body: `contacts` (space-separated emails),
 * `application_type` (`web`/`native`, null when absent), `application_name`, `logo_url` (one URL) and
 * `redirect_uris` (space-separated URLs). Every malformed field is an `invalid` DomainError naming it.
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
    if (!list.every((contact) => EMAIL.test(contact))) {
      throw invalid('client.bad-contacts', 'contacts must be space-separated email addresses');
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
    if (!list.every((uri) => isHttpUrl(uri) && (uri.match(/https?:/gi) ?? []).length === 1)) {
      throw invalid('client.bad-redirect-uris', 'redirect_uris must be space-separated URLs');
    }
    fields.redirectUris = list;
  }
  return fields;
}

/** A field that must be a string when present; any other JSON value is `invalid`. */
export function optionalString(params: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid('client.bad-field', `${name} must be a string`);
  return value;
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
