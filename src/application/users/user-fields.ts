import { assertWithinFieldLimits } from '../../domain/activity-streams/field-limits';
import { isPlainObject } from '../../domain/activity-streams/json-guards';
import { invalid } from '../../domain/errors/domain-error';

/**
 * Properties of the user JSON the server owns: a client never stores them as extra properties (credentials,
 * timestamps, the profile, and the token fields of the registration answer).
 */
const SERVER_OWNED_KEYS: ReadonlySet<string> = new Set([
  'nickname',
  'password',
  'currentPassword',
  'passwordHash',
  'email',
  'emailNotifications',
  'published',
  'updated',
  'profile',
  'profileId',
  'token',
  'secret',
  // The invite code of an invite-only registration: used up by it, not a property of the user.
  'invite',
]);

/**
 * The body of a users request as a JSON object; anything else (an array, a string, nothing) is a 400, and so is
 * a property past the field limits (named by its path under `path`), since extra properties are stored as sent.
 */
export function userBody(body: unknown, path = 'user'): Record<string, unknown> {
  if (!isPlainObject(body)) {
    throw invalid('user.bad-body', 'The request body must be a JSON object.');
  }
  assertWithinFieldLimits(body, path);
  return body;
}

/** The optional `email` of a body: a non-empty string when present, else a 400. */
export function optionalEmail(body: Record<string, unknown>): string | undefined {
  const email = body.email;
  if (email === undefined) return undefined;
  if (typeof email !== 'string' || email.trim() === '') {
    throw invalid('user.bad-email', 'Invalid email address provided');
  }
  return email;
}

/**
 * The extra properties of a body that pump.io keeps on the user record (`settings`, `langs`, ...): every key that
 * the server does not own and that is not internal (`_`-prefixed). Values are kept as sent.
 */
export function extraFieldsOf(body: Record<string, unknown>): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!SERVER_OWNED_KEYS.has(key) && !key.startsWith('_') && value !== undefined) {
      extra[key] = value;
    }
  }
  return extra;
}
