import type { Activity } from '../../domain/activity-streams/activity';
import {
  assertValidIncomingActivity,
  type IncomingActivity,
} from '../../domain/activity-streams/activity-validation';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { isMajor } from '../../domain/activity-streams/major-minor';
import { withoutPrivateKeys } from '../../domain/activity-streams/private-keys';
import { DEFAULT_VERB } from '../../domain/activity-streams/verbs';
import { type Audience, normaliseAudience } from '../../domain/audience/audience';
import { invalid } from '../../domain/errors/domain-error';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';
import { scrubActivity } from './content-scrubbing';

/** Which feed an activity is posted to: `feed`, `feed/major` or `feed/minor`. */
export type FeedKind = 'all' | 'major' | 'minor';

/** An incoming activity after the checks that need no storage: its verb defaulted, its audience normalised. */
export interface CheckedIncoming {
  readonly body: IncomingActivity;
  readonly verb: string;
  readonly audience: Audience;
}

/**
 * Reads a client's activity (docs/protocol.md §4.2 steps 1 to 4): drops every `_`-prefixed key at every level,
 * cleans its HTML with `sanitizer` ({@link scrubActivity}, §4.6) before anything else reads it, validates the
 * shape, refuses an actor other than `actorId` (400 "Invalid actor") and an activity without an object (400, any
 * verb, as pump.io), defaults the verb to post and an address's objectType to person, and refuses a minor
 * activity on `feed/major` and a major one on `feed/minor`.
 */
export function checkIncoming(
  raw: unknown,
  actorId: string,
  feed: FeedKind,
  sanitizer: HtmlSanitizer,
): CheckedIncoming {
  const body = scrubActivity(withoutPrivateKeys(raw), sanitizer);
  assertValidIncomingActivity(body);
  if (body.actor !== undefined && body.actor.id !== actorId) {
    throw invalid('activity.invalid-actor', 'Invalid actor');
  }
  const verb = body.verb ?? DEFAULT_VERB;
  // pump.io refuses an activity without an object whatever its verb (its Activity.beforeCreate).
  if (body.object === undefined) {
    throw invalid('activity.object-required', `A ${verb} activity needs an object.`);
  }
  // isMajor reads only the verb and the object's type, which a new object already has.
  const major = isMajor({ verb, object: body.object as AsObject | undefined });
  if (feed === 'major' && !major) {
    throw invalid('activity.not-major', 'Only major activities to this feed.');
  }
  if (feed === 'minor' && major) {
    throw invalid('activity.not-minor', 'Only minor activities to this feed.');
  }
  return { body, verb, audience: normaliseAudience(body) };
}

// Properties the server sets (or refuses from clients) on every posted activity; any other one is kept as sent.
const SERVER_PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'verb',
  'actor',
  'object',
  'target',
  'to',
  'cc',
  'bto',
  'bcc',
  'generator',
  'content',
  'published',
  'updated',
  'deleted',
  'received',
  'links',
  'url',
]);

/** The properties of the incoming activity the server keeps as they are (title, location, context, ...). */
export function extraProperties(body: IncomingActivity): Partial<Activity> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !SERVER_PROPERTIES.has(key)));
}
