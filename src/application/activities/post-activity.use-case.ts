import type { Activity } from '../../domain/activity-streams/activity';
import { AUDIENCE_FIELDS } from '../../domain/activity-streams/activity';
import { type Describable, generatedActivityContent } from '../../domain/activity-streams/activity-content';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { followersUrlOf } from '../../domain/audience/address-classification';
import { type Audience } from '../../domain/audience/audience';
import { defaultRecipients, defaultRecipientsLookups } from '../../domain/audience/default-recipients';
import { isMajor } from '../../domain/activity-streams/major-minor';
import { outboxStreamNames } from '../../domain/distribution/stream-names';
import { notFound, unauthenticated } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import { isVisibleToEveryone, stubOf } from '../../domain/visibility/visibility';
import type { Principal } from '../auth/principal';
import { distributeJob } from '../distribution/distribution-jobs';
import type { Clock } from '../ports/clock.port';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { Logger } from '../ports/logger.port';
import type { Repositories, UnitOfWork } from '../ports/storage/unit-of-work.port';
import { RecipientCheck } from '../reading/recipient-check';
import { refOf } from './effects/effect-context';
import { applySideEffects } from './effects/side-effects';
import { type CheckedIncoming, checkIncoming, extraProperties, type FeedKind } from './incoming-activity';
import { isoSeconds } from './timestamps';

/** What {@link PostActivity} needs: who posts, to whose feed, what (the raw JSON body), and which feed. */
export interface PostActivityCommand {
  readonly principal: Principal;
  readonly nickname: string;
  readonly body: unknown;
  readonly feed?: FeedKind;
}

/** The posted activity as stored (references for actor/object/target), with the full objects it refers to. */
export interface PostedActivity {
  readonly activity: Activity;
  readonly object: AsObject | null;
  readonly target: AsObject | null;
}

/** Tuning of {@link PostActivity}. */
export interface PostActivityOptions {
  /**
   * How long the durable distribution job waits before a runner may take it. The request distributes inline
   * right after posting, which completes the job; it exists for a process that dies in between, and the delay
   * keeps runners from racing the request for it. 30 seconds by default.
   */
  readonly distributeDelayMs?: number;
}

/**
 * `POST /api/user/:nick/feed` (pumpio-protocol.md §4.2): a local user posts an activity.
 *
 * Invariants: only the user themself may post to their feed (401 "Not authorized"); the actor is the user's
 * person, the generator the principal's client, the verb post unless given; recipients default by §6.1; side
 * effects follow §4.3; every HTML property is cleaned by the sanitizer before it is read or stored (§4.6).
 * Side effects, the objects, the activity (actor, object and target as references), the outbox entries and the
 * durable `distribute` job (deduplicated by activity id) are written in ONE unit of work: any failure, a 4xx
 * included, leaves nothing behind. Distribution itself is {@link DistributeActivity}'s job.
 */
export class PostActivity {
  private readonly distributeDelayMs: number;

  constructor(
    private readonly storage: UnitOfWork,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly site: SiteUrls,
    private readonly logger: Logger,
    private readonly sanitizer: HtmlSanitizer,
    options: PostActivityOptions = {},
  ) {
    this.distributeDelayMs = options.distributeDelayMs ?? 30_000;
  }

  async execute(command: PostActivityCommand): Promise<PostedActivity> {
    const { principal, nickname } = command;
    if (principal.user === null || principal.user.nickname !== nickname) {
      throw unauthenticated('auth.not-same-user', 'Not authorized');
    }
    const checked = checkIncoming(
      command.body,
      this.site.personId(nickname),
      command.feed ?? 'all',
      this.sanitizer,
    );
    const posted = await this.storage.run((tx) => this.post(tx, command, checked));
    this.logger.debug({ activityId: posted.activity.id, verb: posted.activity.verb }, 'activity posted');
    return posted;
  }

  private async post(
    tx: Repositories,
    command: PostActivityCommand,
    checked: CheckedIncoming,
  ): Promise<PostedActivity> {
    const { nickname } = command;
    const { body, verb } = checked;
    const actor = await tx.objects.findById(this.site.personId(nickname));
    if (actor === null) {
      throw notFound('user.not-found', `No such user: ${nickname}`);
    }
    const now = this.clock.now();
    const audience = await this.recipients(tx, actor, checked);
    const context = {
      tx,
      site: this.site,
      ids: this.ids,
      now: isoSeconds(now),
      actor,
      actorNickname: nickname,
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
      ...(command.principal.generator && { generator: command.principal.generator }),
      content:
        body.content ??
        generatedActivityContent({
          verb,
          actor,
          object: object && (await this.nameable(tx, object, actor)),
          target: target && (await this.nameable(tx, target, actor)),
        }),
      published: context.now,
      updated: context.now,
      links: { self: { href: id } },
      url: this.site.activityPageUrl(nickname, uuid),
      _uuid: uuid,
    };
    await tx.activities.save(activity);
    await tx.streams.appendToMany(outboxStreamNames(nickname, isMajor({ verb, object })), id);
    await tx.jobs.enqueue(distributeJob(id, new Date(now.getTime() + this.distributeDelayMs)));
    return { activity, object: object ?? null, target: target ?? null };
  }

  /**
   * What the generated sentence may say about `part`: all of it when it is the actor's own, anyone may see it, or
   * it belongs to nobody (an object of a verb without side effects, described by this very activity); else only
   * its stub ("a note", linked by id), because the sentence reaches the activity's audience, not the object's (a
   * share of a note addressed to a few must not name it to the sharer's followers).
   */
  private async nameable(tx: Repositories, part: AsObject, actor: AsObject): Promise<Describable> {
    if (part.author?.id === actor.id || part.id === actor.id || isVisibleToEveryone(part, null)) {
      return part;
    }
    const creation = await tx.activities.findCreation(part.id);
    const ownerless = creation === null && part.author === undefined;
    return ownerless || isVisibleToEveryone(part, creation) ? part : stubOf(part);
  }

  /** The activity's own audience, or the default one of §6.1, looking up only what the rule asks for. */
  private async recipients(tx: Repositories, actor: AsObject, checked: CheckedIncoming): Promise<Audience> {
    const { body, verb, audience } = checked;
    const candidate = { ...audience, verb, actor, object: body.object, target: body.target };
    const lookups = defaultRecipientsLookups(candidate);
    const objectId = body.object?.id;
    const parentId = body.object?.inReplyTo?.id;
    const check = new RecipientCheck(tx, this.site, { id: actor.id });
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
      actorFollowersUrl: followersUrlOf(actor, this.site),
    });
  }
}

/** The audience as stored: each address reduced to `{id, objectType}`, empty fields left out. */
function referencesOf(audience: Audience): Audience {
  const stored: Audience = {};
  for (const field of AUDIENCE_FIELDS) {
    const addresses = audience[field];
    if (addresses !== undefined && addresses.length > 0) {
      stored[field] = addresses.map(refOf);
    }
  }
  return stored;
}
