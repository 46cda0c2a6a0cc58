import { isPlainObject } from '../activity-streams/json-guards';
import { type As1FromAs2, objectToAs1 } from './as2-to-as1';

/** The addresses of a remote ActivityPub actor that delivery and addressing need (https://www.w3.org/TR/activitypub/#actor-objects). */
export interface As2ActorAddresses {
  readonly id: string;
  readonly inbox: string;
  readonly sharedInbox?: string;
  readonly followers?: string;
}

/** The actor types of the Activity Vocabulary (https://www.w3.org/TR/activitystreams-vocabulary/#actor-types). */
const ACTOR_TYPES: ReadonlySet<string> = new Set([
  'Person',
  'Service',
  'Application',
  'Group',
  'Organization',
]);

/**
 * The addresses an actor document declares, each taken only when it lies on the actor's own origin (only an
 * actor's origin says where it receives; docs/architecture.md §2c), or null when the document is not an actor
 * with an inbox there.
 */
export function as2ActorAddresses(document: Readonly<Record<string, unknown>>): As2ActorAddresses | null {
  const { id, type, inbox } = document;
  if (typeof id !== 'string' || typeof type !== 'string' || !ACTOR_TYPES.has(type)) return null;
  const origin = originOf(id);
  if (origin === null || !sameOrigin(inbox, origin)) return null;
  const endpoints = isPlainObject(document.endpoints) ? document.endpoints : {};
  return {
    id,
    inbox,
    ...(sameOrigin(endpoints.sharedInbox, origin) && { sharedInbox: endpoints.sharedInbox }),
    ...(sameOrigin(document.followers, origin) && { followers: document.followers }),
  };
}

/**
 * The AS1 person of a remote actor document, as pump.io's side stores remote persons: its names, image and
 * summary from the domain mapping, its inbox as pump.io's `links["activity-inbox"]` (what the delivery planner
 * reads, src/domain/delivery/inbox-address.ts), its shared inbox as `endpoints.sharedInbox` and its followers
 * collection as `followers.url`.
 */
export function as2ActorToAs1(
  document: Readonly<Record<string, unknown>>,
  addresses: As2ActorAddresses,
): As1FromAs2 {
  const person = objectToAs1({ ...document });
  return {
    ...person,
    id: addresses.id,
    objectType: 'person',
    links: { 'activity-inbox': { href: addresses.inbox } },
    ...(addresses.sharedInbox !== undefined && { endpoints: { sharedInbox: addresses.sharedInbox } }),
    ...(addresses.followers !== undefined && { followers: { url: addresses.followers } }),
  };
}

function originOf(id: string): string | null {
  try {
    const url = new URL(id);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

function sameOrigin(value: unknown, origin: string): value is string {
  return typeof value === 'string' && originOf(value) === origin;
}
