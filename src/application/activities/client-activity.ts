import type { Activity } from '../../domain/activity-streams/activity';
import { AUDIENCE_FIELDS } from '../../domain/activity-streams/activity';
import { type Describable, generatedActivityContent } from '../../domain/activity-streams/activity-content';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { followersUrlOf } from '../../domain/audience/address-classification';
import { type Audience } from '../../domain/audience/audience';
import { defaultRecipients, defaultRecipientsLookups } from '../../domain/audience/default-recipients';
import { notFound } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import { RecipientCheck } from '../reading/recipient-check';
import { refOf } from './effects/effect-context';
import { applySideEffects } from './effects/side-effects';
import { type CheckedIncoming, extraProperties } from './incoming-activity';
import { nameableGiven, nameableWithoutCreation } from './sentence-parts';
import { isoSeconds } from './timestamps';

/** An activity built from what a client sent, with the full objects it refers to; not yet stored. */
export interface BuiltActivity {
  readonly activity: Activity;
  readonly object: AsObject | null;
  readonly target: AsObject | null;
}

/** Who acts: the local user's nickname, and the client to stamp as `generator` (null for a browser session). */
export interface ClientActor {
  readonly nickname: string;
  readonly generator: AsObject | null;
}

/**
 * Turns a local user's checked activity into the one to store (docs/protocol.md §4.2 steps 5 to 8): the
 * recipients (the activity's own, or the default ones of §6.1), the verb's side effects (§4.3), and the activity
 * with its server-formed properties (id, actor and objects as references, generator, content, times, links).
 *
 * Invariants: every write goes through `tx`, the caller's unit of work, so a refusal leaves nothing behind; the
 * activity itself is not saved here (the publish use case stores it with its outbox entry and job).
 */
export class ClientActivityBuilder {
  constructor(
    private readonly site: SiteUrls,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async build(tx: Repositories, actorOf: ClientActor, checked: CheckedIncoming): Promise<BuiltActivity> {
    const { nickname } = actorOf;
    const { body, verb } = checked;
    const actor = await tx.objects.findById(this.site.personId(nickname));
    if (actor === null) {
      throw notFound('user.not-found', `No such user: ${nickname}`);
    }
    const audience = await recipientsOf(tx, this.site, actor, checked);
    const context = {
      tx,
      site: this.site,
      ids: this.ids,
      now: isoSeconds(this.clock.now()),
      actor,
      actorNickname: nickname,
      remoteHost: null,
    };
    const { object, target } = await applySideEffects(context, {
      verb,
      object: body.object,
      target: body.target,
    });

    const uuid = this.ids.uuid();
    const id = this.site.activityId(uuid);
    const activity: Activity = {
      ...extraProperties(body),
      id,
      verb,
      actor: refOf(actor),
      ...(object && { object: refOf(object) }),
      ...(target && { target: refOf(target) }),
      ...referencesOf(audience),
      ...(actorOf.generator && { generator: actorOf.generator }),
      content:
        body.content ??
        generatedActivityContent({
          verb,
          actor,
          object: object && (await nameable(tx, object, actor)),
          target: target && (await nameable(tx, target, actor)),
        }),
      published: context.now,
      updated: context.now,
      links: { self: { href: id } },
      url: this.site.activityPageUrl(nickname, uuid),
      _uuid: uuid,
    };
    return { activity, object: object ?? null, target: target ?? null };
  }
}

/** What the generated sentence may say about `part` ({@link nameableGiven}), looking up its creation if needed. */
export async function nameable(tx: Repositories, part: AsObject, actor: AsObject): Promise<Describable> {
  if (nameableWithoutCreation(part, actor)) {
    return part;
  }
  return nameableGiven(part, await tx.activities.findCreation(part.id));
}

/** The activity's own audience, or the default one of §6.1, looking up only what the rule asks for. */
export async function recipientsOf(
  tx: Repositories,
  site: SiteUrls,
  actor: AsObject,
  checked: CheckedIncoming,
): Promise<Audience> {
  const { body, verb, audience } = checked;
  const candidate = { ...audience, verb, actor, object: body.object, target: body.target };
  const lookups = defaultRecipientsLookups(candidate);
  const objectId = body.object?.id;
  const parentId = body.object?.inReplyTo?.id;
  const check = new RecipientCheck(tx, site, { id: actor.id });
  // A creation the actor may not see counts as none: its audience is not theirs to copy, and the answer must be
  // the one an object that was never posted gets (the side effects then refuse the object as unknown).
  const creationOf = async (id: string | undefined): Promise<Activity | null> => {
    const creation = id === undefined ? null : await tx.activities.findCreation(id);
    return creation !== null && (await check.canSeeActivity(creation)) ? creation : null;
  };
  return defaultRecipients({
    activity: candidate,
    objectCreation: lookups.objectCreation ? await creationOf(objectId) : null,
    parentCreation: lookups.parentCreation ? await creationOf(parentId) : null,
    actorFollowersUrl: followersUrlOf(actor, site),
  });
}

/** The audience as stored: each address reduced to `{id, objectType}`, empty fields left out. */
export function referencesOf(audience: Audience): Audience {
  const stored: Audience = {};
  for (const field of AUDIENCE_FIELDS) {
    const addresses = audience[field];
    if (addresses !== undefined && addresses.length > 0) {
      stored[field] = addresses.map(refOf);
    }
  }
  return stored;
}
