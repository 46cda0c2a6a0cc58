/**
 * The object types pump.io gives a class of their own (docs/protocol.md §4.1). Each has an endpoint
 * `/api/<type>/<uuid>`; every other objectType is stored as `other` and served under `/api/other/...`.
 * The comparison is case-sensitive, as in pump.io.
 */
export const OBJECT_TYPES = [
  'alert',
  'application',
  'article',
  'audio',
  'badge',
  'binary',
  'bookmark',
  'collection',
  'comment',
  'device',
  'event',
  'file',
  'game',
  'group',
  'image',
  'issue',
  'job',
  'note',
  'offer',
  'organization',
  'page',
  'person',
  'place',
  'process',
  'product',
  'question',
  'review',
  'service',
  'task',
  'video',
] as const;

export type KnownObjectType = (typeof OBJECT_TYPES)[number];

/** The endpoint type that holds every objectType outside {@link OBJECT_TYPES}. */
export const OTHER_OBJECT_TYPE = 'other';

/** What may appear as `<type>` in `/api/<type>/<uuid>`: a known object type or `other`. */
export type EndpointType = KnownObjectType | typeof OTHER_OBJECT_TYPE;

/** The object types the rules of the domain name, so that a typo is a compile error rather than a silent miss. */
export const ObjectType = {
  APPLICATION: 'application',
  COLLECTION: 'collection',
  COMMENT: 'comment',
  GROUP: 'group',
  IMAGE: 'image',
  NOTE: 'note',
  PERSON: 'person',
  PLACE: 'place',
  SERVICE: 'service',
} as const satisfies Record<string, KnownObjectType>;

const knownObjectTypes: ReadonlySet<string> = new Set(OBJECT_TYPES);

/** True when `objectType` has a class (and an endpoint) of its own in pump.io. */
export function isKnownObjectType(objectType: string): objectType is KnownObjectType {
  return knownObjectTypes.has(objectType);
}

/**
 * The endpoint type an object of `objectType` is served under: the type itself when it is known, `other`
 * otherwise (including for the literal objectType `other`).
 */
export function endpointTypeOf(objectType: string): EndpointType {
  return isKnownObjectType(objectType) ? objectType : OTHER_OBJECT_TYPE;
}

/** True when `segment` may stand as `<type>` in `/api/<type>/<uuid>`; anything else is "Unknown type" (404). */
export function isEndpointType(segment: string): segment is EndpointType {
  return segment === OTHER_OBJECT_TYPE || isKnownObjectType(segment);
}
