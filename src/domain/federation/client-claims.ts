import type { AsObject, NewAsObject } from '../activity-streams/as-object';
import { domainOf, protocolOf } from '../activity-streams/object-ids';
import { isBareReference } from './provenance';

/**
 * Objects a local client names by an id no server answers for ("origin-less" ids), and who may say what they are.
 *
 * An http(s) id belongs to its host, and only that host says what the object is (provenance.ts, docs/protocol.md
 * §7.2); an id of this site names what this site made. A `urn:` id (RFC 8141, e.g. `urn:uuid:...`) or a `tag:` id
 * (RFC 4151) names no server anyone could ask, so nobody else will ever describe the object: the first local
 * person who describes it (a post, or a like, follow, ... whose object carries more than its id and type) is its
 * claimant, and from then on the only one who may change it. A `tag:` id whose authority is this site's host is
 * this site's to mint (it mints none), never a client's.
 */

/** The private key that records the claimant of an origin-less object: the person id of the local describer. */
export const CLAIMANT_KEY = '_claimant';

// RFC 3986 characters that may appear in a URI, without the delimiters and controls that must be escaped.
const URI_CHARS = "[A-Za-z0-9\\-._~!$&'()*+,;=:@/?#%]";
// RFC 8141: `urn:<NID>:<NSS>`, the NID 2 to 32 letters, digits or hyphens.
const URN = new RegExp(`^urn:[a-z0-9][a-z0-9-]{0,30}[a-z0-9]:${URI_CHARS}+$`, 'i');
// RFC 4151: `tag:<DNS name or email address>,<YYYY[-MM[-DD]]>:<specific>`.
const TAG = new RegExp(
  `^tag:(?:[a-z0-9.-]+|[a-z0-9._%+-]+@[a-z0-9.-]+),\\d{4}(?:-\\d{2}(?:-\\d{2})?)?:${URI_CHARS}*$`,
  'i',
);

/** True when `id` is a well-formed `urn:` or `tag:` id that is not on `localHost`: an origin-less id. */
export function isOriginLessId(id: string, localHost: string): boolean {
  if (URN.test(id)) {
    return true;
  }
  return TAG.test(id) && domainOf(id) !== localHost.toLowerCase();
}

/** The local person who may change `object`: its author, else its claimant; undefined when nobody may. */
export function ownerOf(object: AsObject): string | undefined {
  const claimant = object[CLAIMANT_KEY];
  return object.author?.id ?? (typeof claimant === 'string' ? claimant : undefined);
}

/**
 * What a local client's mention of an object (its id, type and maybe a description) does to the store:
 * - `adopt`: the description becomes the object, and the client's person its claimant. Only for an origin-less
 *   id with a description, that is either unknown or held as a bare reference nobody claimed;
 * - `reference`: an unknown object is kept as a bare `{id, objectType}` reference (another host's object, or a
 *   mention without a description, which claims nothing);
 * - `keep`: the stored object stays exactly as it is (someone owns it, or its origin said what it is). A mention
 *   never changes a claimed object, not even its claimant's: an `update` does.
 */
export type MentionOutcome = 'adopt' | 'reference' | 'keep';

export function mentionOutcome(
  incoming: NewAsObject & { id: string },
  stored: AsObject | null,
  localHost: string,
): MentionOutcome {
  const describes = isOriginLessId(incoming.id, localHost) && !isBareReference(incoming as AsObject);
  if (stored === null) {
    return describes ? 'adopt' : 'reference';
  }
  return describes && isUnclaimedReference(stored, localHost) ? 'adopt' : 'keep';
}

/**
 * True when the local person `actorId` may post the stored `object` as its author: an origin-less object nobody
 * posted that is theirs by claim, or a bare reference nobody claimed. Never another person's object, one its
 * origin described (a `tag:` of another host that host sent), nor a deleted one.
 */
export function isClaimableBy(object: AsObject, actorId: string, localHost: string): boolean {
  const claimant = object[CLAIMANT_KEY];
  if (typeof claimant === 'string') {
    return claimant === actorId && isLiveOriginLess(object, localHost);
  }
  return isUnclaimedReference(object, localHost);
}

function isUnclaimedReference(object: AsObject, localHost: string): boolean {
  return object[CLAIMANT_KEY] === undefined && isBareReference(object) && isLiveOriginLess(object, localHost);
}

function isLiveOriginLess(object: AsObject, localHost: string): boolean {
  return isOriginLessId(object.id, localHost) && object.author === undefined && object.deleted === undefined;
}

/**
 * True when `object` is an origin-less object nobody posted that anyone may read: a bare reference, or the
 * description a local client claimed. It has no audience of its own (no post or create addressed it): what is
 * known of it was said by a client about a thing that lives nowhere in particular, as pump.io shows it to all.
 * One that a local user posted has an author, and is seen by its creation's recipients like any other post.
 */
export function isOpenDescription(
  object: Pick<AsObject, 'id' | 'author'> & Record<string, unknown>,
): boolean {
  const protocol = protocolOf(object.id);
  if ((protocol !== 'urn' && protocol !== 'tag') || object.author !== undefined) {
    return false;
  }
  return typeof object[CLAIMANT_KEY] === 'string' || isBareReference(object as AsObject);
}
