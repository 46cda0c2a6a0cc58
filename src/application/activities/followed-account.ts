import { isPlainObject } from '../../domain/activity-streams/json-guards';

/** Names the ActivityPub actor behind an `acct:` account, or null to keep the account (and pump.io). */
export interface AccountActors {
  actorOf(account: string): Promise<string | null>;
}

/**
 * A local `follow` of an `acct:user@host` person, as the follow of the ActivityPub actor that account names when
 * it names one (docs/activitypub.md §9): the object's id becomes the actor URL, so the follow is stored,
 * listed and delivered exactly as a follow by actor URL. Every other body, and an account that stays pump.io's,
 * is answered unchanged. Runs before the unit of work: resolving asks another server.
 */
export async function withFollowedActor(
  body: unknown,
  accounts: AccountActors | undefined,
): Promise<unknown> {
  if (accounts === undefined || !isPlainObject(body) || body.verb !== 'follow') return body;
  const object = body.object;
  if (!isPlainObject(object) || typeof object.id !== 'string' || !object.id.startsWith('acct:')) return body;
  if (object.objectType !== undefined && object.objectType !== 'person') return body;
  const actor = await accounts.actorOf(object.id);
  return actor === null ? body : { ...body, object: { ...object, id: actor } };
}
