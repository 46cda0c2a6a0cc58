import { invalid } from '../errors/domain-error';

/** RFC 5321 §4.5.3.1.3: a path, and so an address, is at most 254 octets once the angle brackets are off. */
const MAX_ADDRESS_LENGTH = 254;

/**
 * A mailbox as a person types it: one `@`, a local part of printable characters without spaces, quotes, angle
 * brackets or commas (so the address cannot smuggle a second recipient or a header into the mail), and a domain
 * of dot-separated labels of letters, digits and dashes. Narrower than RFC 5322's grammar on purpose: quoted local
 * parts and address literals are refused.
 */
const ADDRESS =
  /^[^\s@"<>(),;:\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** True when `value` is an address mail may be sent to ({@link ADDRESS}). */
export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_ADDRESS_LENGTH && ADDRESS.test(value);
}

/**
 * The address as given, trimmed, when it is one mail may be sent to; otherwise an `invalid` DomainError with
 * pump.io's message (docs/protocol.md §3.1): `user.no-email` for nothing given, `user.bad-email` for the rest.
 */
export function assertEmailAddress(value: unknown): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    throw invalid('user.no-email', 'No email address');
  }
  const address = typeof value === 'string' ? value.trim() : value;
  if (!isEmailAddress(address)) throw invalid('user.bad-email', 'Invalid email address provided');
  return address;
}

/** The form under which two addresses are the same mailbox for a lookup: the whole address without case. */
export function emailKey(address: string): string {
  return address.toLowerCase();
}
