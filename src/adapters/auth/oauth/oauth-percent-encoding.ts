import { invalid } from '../../../domain/errors/domain-error';

/**
 * RFC 5849 §3.6 percent-encoding: every byte of the UTF-8 form except the RFC 3986 unreserved characters
 * (`A-Z a-z 0-9 - . _ ~`) becomes `%XX` with upper-case hex. `encodeURIComponent` leaves `!'()*` alone, so
 * those are encoded by hand.
 */
export function oauthPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Decodes one `application/x-www-form-urlencoded` name or value (a query string or form body part): `+` is a
 * space, `%XX` a UTF-8 byte. Malformed escapes are the client's fault: an `invalid` DomainError, never a 500.
 */
export function formDecode(value: string): string {
  return percentDecode(value.replace(/\+/g, ' '));
}

/** Decodes `%XX` escapes only (an `Authorization` header value, RFC 5849 §3.5.1); malformed → `invalid`. */
export function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw invalid('oauth.bad-encoding', 'Invalid percent-encoding in the request');
  }
}
