import { isPlainObject } from '../../domain/activity-streams/json-guards';
import { as2ActorAddresses, as2ActorToAs1 } from '../../domain/as2/as2-actor';
import { type As1FromAs2, type As2Refusal, objectToAs1 } from '../../domain/as2/as2-to-as1';
import { forbidden, invalid, notFound, unauthenticated } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { LocalInbox, PostActivity } from '../activities/post-activity.use-case';
import type { ActivityPubDocuments } from '../ports/activitypub-documents.port';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';
import type { HttpSignatures, SignableRequest, SigningKey } from '../ports/http-signatures.port';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import type { ActorKeys } from './actor-keys';
import type { ActivityPubAftermath } from './follow-acceptance';
import { inboundAs1Activity } from './inbound-as2';
import { localisedActorIds } from './local-actor-ids';

/** Which ActivityPub inbox a delivery was POSTed to: a local user's, or the shared one. */
export type ActivityPubInbox =
  { readonly kind: 'user'; readonly nickname: string } | { readonly kind: 'shared' };

/** A delivery as it arrived: the inbox, and the request exactly as sent (the body's bytes, for the digest). */
export interface ActivityPubDeliveryCommand {
  readonly inbox: ActivityPubInbox;
  readonly request: SignableRequest & { readonly body: Uint8Array };
}

/** What became of a delivery: published (to these local inboxes), or taken and ignored (with why). */
export type ActivityPubDeliveryOutcome =
  | { readonly kind: 'published'; readonly activityId: string; readonly inboxes: number }
  | { readonly kind: 'ignored'; readonly reason: string };

/** The followers of a remote actor that a shared-inbox delivery reaches, at most this many local users. */
const MAX_FOLLOWERS_REACHED = 5000;

/**
 * Takes an ActivityPub delivery in (docs/activitypub.md §8), through the one publish use case pump.io's inbox uses.
 *
 * Invariants, in this order, nothing stored before all hold:
 * - the body is one JSON object (400);
 * - the request's HTTP Signature checks out through the {@link HttpSignatures} port (401);
 * - the activity's actor is the owner of the key that signed (403): a server may relay only its own actors;
 * - the actor document is fetched from the actor's own origin (signed, as the receiving user, for servers in
 *   authorized-fetch mode) and is an actor with an inbox there (400 otherwise);
 * - the activity is mapped AS2 → AS1 by the domain mapping and its HTML cleaned; a type Pumphouse does not take
 *   is taken and ignored (202), an activity with no AS1 form is 400;
 * - local actors are named by their pump.io person ids; the actor is the fetched document's person;
 * - it is published through {@link PostActivity}'s remote path with the actor's host as its sender: the same
 *   provenance (activity and created objects on the actor's host), idempotency by id, blocking, side effects and
 *   fan-out as a pump.io delivery, once per local inbox it reaches (a user inbox: that user; the shared inbox:
 *   the local users it names and the actor's local followers).
 */
export class ReceiveActivityPubDelivery {
  constructor(
    private readonly signatures: HttpSignatures,
    private readonly documents: ActivityPubDocuments,
    private readonly actorKeys: Pick<ActorKeys, 'signingKeyOf'>,
    private readonly postActivity: Pick<PostActivity, 'execute'>,
    private readonly repositories: Pick<Repositories, 'users' | 'follows' | 'objects'>,
    private readonly site: SiteUrls,
    private readonly sanitizer: HtmlSanitizer,
    private readonly aftermath: Pick<
      ActivityPubAftermath,
      'markActivityPubActor' | 'acceptFollow' | 'recordAnswer'
    >,
  ) {}

  async execute(command: ActivityPubDeliveryCommand): Promise<ActivityPubDeliveryOutcome> {
    const { inbox, request } = command;
    if (inbox.kind === 'user') await this.assertUser(inbox.nickname);
    const body = parseObject(request.body);
    const verified = await this.signatures.verify(request);
    if (!verified.verified) {
      throw unauthenticated(
        'activitypub.signature',
        `The HTTP Signature was not accepted (${verified.reason}).`,
      );
    }
    const actorId = idOf(body.actor);
    if (actorId === undefined) throw invalid('activitypub.no-actor', 'The activity names no actor.');
    if (actorId !== verified.ownerId) {
      throw forbidden(
        'activitypub.actor-not-signer',
        `The activity's actor is not the owner of ${verified.keyId}.`,
      );
    }
    const signAs = inbox.kind === 'user' ? await this.actorKeys.signingKeyOf(inbox.nickname) : undefined;
    const document = await this.documents.fetch(actorId, signAs);
    const addresses = document === null ? null : as2ActorAddresses(document);
    if (document === null || addresses === null) {
      throw invalid(
        'activitypub.actor-unavailable',
        `The actor ${actorId} could not be fetched from its origin.`,
      );
    }
    const mapped = inboundAs1Activity(
      body,
      { isFollowersCollection: (id) => id === addresses.followers },
      this.sanitizer,
    );
    const notTaken = notTakenReason(body, mapped);
    if (notTaken !== null) return { kind: 'ignored', reason: notTaken };
    if (typeof mapped === 'string')
      throw invalid(`activitypub.${mapped}`, `The activity cannot be read (${mapped}).`);
    const answered = await this.answerToLocalFollow(mapped, actorId);
    if (answered !== null) return answered;
    const localised = localisedActorIds(mapped, this.site);
    const actor = as2ActorToAs1(document, addresses);
    const activity: As1FromAs2 = {
      ...localised,
      actor,
      ...(await this.typedReference('object', localised.object, actorId, signAs)),
      ...(await this.typedReference('target', localised.target, actorId, signAs)),
      // The actor as an object (its Update, its Delete) is the copy just fetched from its origin, with its inbox.
      ...(idOf(localised.object) === actorId && localised.verb !== 'delete' && { object: actor }),
    };
    const inboxes = await this.localInboxesOf(inbox, activity, actorId);
    if (inboxes.length === 0) return { kind: 'ignored', reason: 'it reaches no local user' };
    const sender = { kind: 'host' as const, host: new URL(actorId).hostname };
    for (const local of inboxes) {
      await this.postActivity.execute({ origin: { kind: 'remote', sender, inbox: local }, body: activity });
    }
    await this.aftermath.markActivityPubActor(actorId);
    if (activity.verb === 'follow') await this.aftermath.acceptFollow(String(activity.id));
    return { kind: 'published', activityId: String(activity.id), inboxes: inboxes.length };
  }

  /**
   * An Accept or Reject of one of our users' Follows: our Follow is ours (not an object the sender may publish), so
   * the answer is recorded on it rather than published. Null for anything else.
   */
  private async answerToLocalFollow(
    mapped: As1FromAs2,
    actorId: string,
  ): Promise<ActivityPubDeliveryOutcome | null> {
    const { verb, object } = mapped;
    if ((verb !== 'accept' && verb !== 'reject') || !isPlainObject(object)) return null;
    const followId = object.id;
    if (typeof followId !== 'string' || !this.site.isLocalId(followId)) return null;
    if (!(await this.aftermath.recordAnswer(followId, actorId, verb))) {
      throw invalid('activitypub.not-our-follow', `${followId} is not a follow of ${actorId}.`);
    }
    await this.aftermath.markActivityPubActor(actorId);
    return { kind: 'published', activityId: String(mapped.id), inboxes: 0 };
  }

  /**
   * A bare reference (`"object": "<id>"`, as Follow, Like, Announce and Delete send it) with the type the publish
   * path needs: the stored object's, a local person's, the actor's own (a Delete of the actor), or, for an object
   * not seen yet, the type its origin serves it with (fetched by id, so only its origin names it). Anything else
   * is left as it is (the publish path refuses an object without a type).
   */
  private async typedReference(
    field: 'object' | 'target',
    value: unknown,
    actorId: string,
    signAs: SigningKey | undefined,
  ): Promise<As1FromAs2> {
    if (!isPlainObject(value) || typeof value.id !== 'string' || typeof value.objectType === 'string')
      return {};
    const { id } = value;
    const typed = (objectType: string): As1FromAs2 => ({ [field]: { ...(value as As1FromAs2), objectType } });
    if (id === actorId || this.site.nicknameOfPersonId(id) !== null) return typed('person');
    const stored = await this.repositories.objects.findById(id);
    if (stored !== null) return typed(stored.objectType);
    if (this.site.isLocalId(id)) return {};
    const fetched = await this.documents.fetch(id, signAs);
    const objectType = fetched === null ? undefined : objectToAs1({ ...fetched }).objectType;
    return typeof objectType === 'string' ? typed(objectType) : {};
  }

  private async assertUser(nickname: string): Promise<void> {
    if ((await this.repositories.users.findByNickname(nickname)) === null) {
      // The same answer as pump.io's inbox of nobody, before any signature work (docs/protocol.md §7.2).
      throw notFound('activitypub.no-user', `No such user: ${nickname}`);
    }
  }

  /** The local inboxes a delivery reaches: the user's own; for the shared inbox, who it names and who follows. */
  private async localInboxesOf(
    inbox: ActivityPubInbox,
    activity: As1FromAs2,
    actorId: string,
  ): Promise<LocalInbox[]> {
    if (inbox.kind === 'user') return [inbox];
    const nicknames = new Set<string>();
    const consider = (value: unknown) => {
      const id = idOf(value);
      const nickname = id === undefined ? null : this.site.nicknameOfPersonId(id);
      if (nickname !== null) nicknames.add(nickname);
    };
    for (const field of ['to', 'cc', 'bto', 'bcc'] as const) {
      const list = activity[field];
      if (Array.isArray(list)) list.forEach(consider);
    }
    consider(activity.object);
    const object = activity.object;
    if (isPlainObject(object)) consider(object.author);
    const followers = await this.repositories.follows.followers(actorId, { count: MAX_FOLLOWERS_REACHED });
    followers.forEach((id) => consider(id));
    if (activity.verb === 'delete' && idOf(activity.object) === actorId) {
      // An actor's own deletion is sent to every server that knows them: it concerns whom they follow too.
      const followed = await this.repositories.follows.following(actorId, { count: MAX_FOLLOWERS_REACHED });
      followed.forEach((id) => consider(id));
    }
    const found: LocalInbox[] = [];
    for (const nickname of nicknames) {
      if ((await this.repositories.users.findByNickname(nickname)) !== null)
        found.push({ kind: 'user', nickname });
    }
    return found;
  }
}

/**
 * AS1 verbs the domain maps but the inbox does not take: a `Flag` is a report to the moderators of the reported
 * account's server, and Pumphouse has no moderation queue; publishing it would show the reported user who
 * reported her.
 */
const VERBS_NOT_TAKEN = new Set(['flag-as-inappropriate']);

/**
 * Why a verified delivery is taken and ignored (202) rather than refused (docs/activitypub.md §8, step 5), or
 * null: a type the domain has no AS1 verb for (Pleroma's EmojiReact, Block, Move, Misskey's Read, anything
 * unknown), an `Undo` of such an activity (the domain's `unknown-undo` when the undone activity is there with its
 * type; an `Undo` of a bare id stays a 400, as nothing says what it undoes), or a verb the inbox does not take.
 */
function notTakenReason(body: Record<string, unknown>, mapped: As1FromAs2 | As2Refusal): string | null {
  if (mapped === 'unsupported-type') return `${String(body.type)} is not taken`;
  if (mapped === 'unknown-undo' && isPlainObject(body.object) && typeof body.object.type === 'string')
    return `an Undo of ${body.object.type} is not taken`;
  if (typeof mapped !== 'string' && typeof mapped.verb === 'string' && VERBS_NOT_TAKEN.has(mapped.verb))
    return `${String(body.type)} is not taken`;
  return null;
}

function parseObject(body: Uint8Array): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw invalid('activitypub.not-json', 'The body is not JSON.');
  }
  if (!isPlainObject(parsed)) throw invalid('activitypub.not-an-object', 'The body is not a JSON object.');
  return parsed;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return isPlainObject(value) && typeof value.id === 'string' ? value.id : undefined;
}
