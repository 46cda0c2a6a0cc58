import { type Activity, AUDIENCE_FIELDS, type AudienceField } from '../activity-streams/activity';
import type { IncomingAddress } from '../activity-streams/activity-validation';
import type { AsObject } from '../activity-streams/as-object';
import { isPlainObject } from '../activity-streams/json-guards';
import { ObjectType } from '../activity-streams/object-types';
import { isPublicCollectionId } from '../activity-streams/well-known-ids';

/** The addressing of an activity: any of to, cc, bto, bcc. */
export type Audience = Partial<Record<AudienceField, AsObject[]>>;

/** Anything that may carry addresses: an activity, an incoming activity, an audience. */
export type Addressed = Partial<Record<AudienceField, unknown>>;

/** The fields that make a recipient "direct" (inbox/direct, email notification): to and bto, never cc or bcc. */
export const DIRECT_FIELDS: readonly AudienceField[] = ['to', 'bto'];

/**
 * The addresses of one field. Entries that are not objects with a string id are skipped, so a malformed stored
 * activity cannot break a reader; incoming activities are validated before they get here.
 */
export function addressesIn(addressed: Addressed, field: AudienceField): AsObject[] {
  const value = addressed[field];
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((entry): entry is AsObject => isPlainObject(entry) && typeof entry.id === 'string');
}

/** Every address in to, cc, bto, bcc, in that order; an address named twice appears twice. */
export function allAddresses(addressed: Addressed): AsObject[] {
  return AUDIENCE_FIELDS.flatMap((field) => addressesIn(addressed, field));
}

/** True when any of to/cc/bto/bcc holds an address; empty arrays count as no addressing. */
export function hasAddresses(addressed: Addressed): boolean {
  return AUDIENCE_FIELDS.some((field) => addressesIn(addressed, field).length > 0);
}

/** The audience fields present on `addressed`, copied into fresh arrays (the entries are shared). */
export function audienceOf(addressed: Addressed): Audience {
  const audience: Audience = {};
  for (const field of AUDIENCE_FIELDS) {
    if (Array.isArray(addressed[field])) {
      audience[field] = addressesIn(addressed, field);
    }
  }
  return audience;
}

/** True when some address in any field has exactly this id. */
export function isAddressed(addressed: Addressed, id: string): boolean {
  return allAddresses(addressed).some((address) => address.id === id);
}

/** True when `personId` is addressed in to or bto: the activity is "direct" for them (docs/protocol.md §6.5). */
export function isDirectlyAddressed(addressed: Addressed, personId: string): boolean {
  return DIRECT_FIELDS.some((field) =>
    addressesIn(addressed, field).some((address) => address.id === personId),
  );
}

/** True when the Public collection is among the addresses. */
export function isAddressedToPublic(addressed: Addressed): boolean {
  return allAddresses(addressed).some((address) => isPublicCollectionId(address.id));
}

/** The objectType of an address; pump.io reads an address without one as a person. */
export function addressTypeOf(address: { objectType?: unknown }): string {
  return typeof address.objectType === 'string' ? address.objectType : ObjectType.PERSON;
}

/**
 * The audience of an incoming activity with pump.io's default applied: an address without `objectType` is a
 * person. Other properties of each address are kept.
 */
export function normaliseAudience(incoming: Partial<Record<AudienceField, IncomingAddress[]>>): Audience {
  const audience: Audience = {};
  for (const field of AUDIENCE_FIELDS) {
    const addresses = incoming[field];
    if (addresses !== undefined) {
      audience[field] = addresses.map((address) => ({ ...address, objectType: addressTypeOf(address) }));
    }
  }
  return audience;
}

/** The activity with its audience replaced by `audience` (fields absent from `audience` are removed). */
export function withAudience<T extends Activity>(activity: T, audience: Audience): T {
  const copy: T = { ...activity };
  for (const field of AUDIENCE_FIELDS) {
    delete copy[field];
    if (audience[field] !== undefined) {
      copy[field] = audience[field];
    }
  }
  return copy;
}
