import type { Activity } from '../../domain/activity-streams/activity';
import { isPlainObject } from '../../domain/activity-streams/json-guards';
import { isMajor } from '../../domain/activity-streams/major-minor';
import { outboxStreamNames } from '../../domain/distribution/stream-names';
import { forbidden, invalid, unauthenticated } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Principal } from '../auth/principal';
import type { DistributeActivityCommand } from '../distribution/distribute-activity.use-case';
import { distributeJob } from '../distribution/distribution-jobs';
import type { Clock } from '../ports/clock.port';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { Logger } from '../ports/logger.port';
import type { Repositories, UnitOfWork } from '../ports/storage/unit-of-work.port';
import { type BuiltActivity, ClientActivityBuilder } from './client-activity';
import { checkIncoming, type FeedKind } from './incoming-activity';

/**
 * Where an activity comes from, which decides what is checked before it is published:
 * - `local`: a local user through the API or the web UI; the principal must be that user.
 * - `remote`: another server's activity, handed over by an inbound federation adapter AFTER it verified that the
 *   sender speaks for `actorId` (the actor's origin, docs/architecture.md §2c). The activity keeps its own id, which
 *   makes a replay (the same delivery twice) a no-op.
 */
export type ActivityOrigin =
  | { readonly kind: 'local'; readonly principal: Principal; readonly nickname: string }
  | { readonly kind: 'remote'; readonly actorId: string };

/** What {@link PostActivity} publishes: an activity as sent (the raw JSON body), where from, and to which feed. */
export interface PostActivityCommand {
  readonly origin: ActivityOrigin;
  readonly body: unknown;
  /** The feed a local user posted to: `feed`, `feed/major` or `feed/minor`. `all` by default. */
  readonly feed?: FeedKind;
}

/** The posted activity as stored (references for actor/object/target), with the full objects it refers to. */
export type PostedActivity = BuiltActivity;

/**
 * Activities the server composes itself (the `update` of a profile, the `join` and list `create`s of a
 * registration), with the value the composing use case answers. `compose` also makes the writes that go with them
 * (the person, the user record, ...), in the same unit of work.
 */
export interface ComposedActivities<T> {
  readonly activities: readonly Activity[];
  readonly value: T;
}

/** The local fan-out and remote planning of a stored activity: {@link DistributeActivity} in production. */
export interface ActivityDistribution {
  execute(command: DistributeActivityCommand): Promise<unknown>;
}

/** Tuning of {@link PostActivity}. */
export interface PostActivityOptions {
  /**
   * How long the durable distribution job waits before a runner may take it. The use case distributes inline
   * right after storing, which completes the job; it exists for a process that dies in between, and the delay
   * keeps runners from racing the request for it. 30 seconds by default.
   */
  readonly distributeDelayMs?: number;
}

/**
 * The one way an activity is published (docs/architecture.md §2): the API's feeds and shortcuts, the web UI's forms,
 * profile updates and registrations all come here, and so will activities from other servers.
 *
 * Invariants:
 * - a local user's activity (`POST /api/user/:nick/feed`, docs/protocol.md §4.2): only that user may post
 *   (401 "Not authorized"); the body is checked and cleaned, its side effects applied (§4.3);
 * - in ONE unit of work: the side effects (or the composing use case's writes), the activity, the actor's outbox
 *   entries and a durable `distribute` job (deduplicated by activity id); any failure, a 4xx included, leaves
 *   nothing behind;
 * - then, before answering, the distribution runs inline: local followers and recipients have the activity when
 *   the call returns. Its failure is logged, not thrown: the durable job redoes it;
 * - a remote activity must carry its id and name the verified sender as actor (400 otherwise); one already stored
 *   is answered as it is, nothing done twice. Accepting new ones waits for federation (403 until then).
 */
export class PostActivity {
  private readonly distributeDelayMs: number;
  private readonly builder: ClientActivityBuilder;

  constructor(
    private readonly storage: UnitOfWork,
    private readonly clock: Clock,
    ids: IdGenerator,
    private readonly site: SiteUrls,
    private readonly logger: Logger,
    private readonly sanitizer: HtmlSanitizer,
    private readonly distribution: ActivityDistribution,
    options: PostActivityOptions = {},
  ) {
    this.distributeDelayMs = options.distributeDelayMs ?? 30_000;
    this.builder = new ClientActivityBuilder(site, clock, ids);
  }

  async execute(command: PostActivityCommand): Promise<PostedActivity> {
    const { origin } = command;
    if (origin.kind === 'remote') {
      return this.replayed(origin.actorId, command.body);
    }
    const { principal, nickname } = origin;
    if (principal.user === null || principal.user.nickname !== nickname) {
      throw unauthenticated('auth.not-same-user', 'Not authorized');
    }
    const checked = checkIncoming(
      command.body,
      this.site.personId(nickname),
      command.feed ?? 'all',
      this.sanitizer,
    );
    const posted = await this.storage.run(async (tx) => {
      const built = await this.builder.build(tx, { nickname, generator: principal.generator }, checked);
      await this.store(tx, built.activity, nickname);
      return built;
    });
    this.logger.debug({ activityId: posted.activity.id, verb: posted.activity.verb }, 'activity posted');
    await this.distribute([posted.activity]);
    return posted;
  }

  /**
   * Publishes activities the server composed: `compose` runs in the unit of work that then stores each activity
   * with its outbox entries (when the actor is a local user) and its job; they are distributed in their order.
   */
  async publishComposed<T>(compose: (tx: Repositories) => Promise<ComposedActivities<T>>): Promise<T> {
    const composed = await this.storage.run(async (tx) => {
      const result = await compose(tx);
      for (const activity of result.activities) {
        await this.store(tx, activity, await this.localActorNickname(tx, activity));
      }
      return result;
    });
    await this.distribute(composed.activities);
    return composed.value;
  }

  private async store(tx: Repositories, activity: Activity, actorNickname: string | null): Promise<void> {
    await tx.activities.save(activity);
    if (actorNickname !== null) {
      await tx.streams.appendToMany(outboxStreamNames(actorNickname, isMajor(activity)), activity.id);
    }
    const runAt = new Date(this.clock.now().getTime() + this.distributeDelayMs);
    await tx.jobs.enqueue(distributeJob(activity.id, runAt));
  }

  private async localActorNickname(tx: Repositories, activity: Activity): Promise<string | null> {
    const nickname = this.site.nicknameOfPersonId(activity.actor.id);
    return nickname !== null && (await tx.users.findByNickname(nickname)) !== null ? nickname : null;
  }

  /** Distributes each activity in turn; a failure is logged, since the durable job will redo it. */
  private async distribute(activities: readonly Activity[]): Promise<void> {
    for (const { id: activityId } of activities) {
      await this.distribution.execute({ activityId }).catch((error: unknown) => {
        this.logger.error(
          { err: error, activityId },
          'inline distribution failed; the distribute job will redo it',
        );
      });
    }
  }

  /** A remote activity: checked against its verified sender, answered as stored when it is a replay. */
  private async replayed(actorId: string, body: unknown): Promise<PostedActivity> {
    const id = isPlainObject(body) && typeof body.id === 'string' ? body.id : null;
    if (id === null) {
      throw invalid('activity.id-required', 'An activity from another server needs its id.');
    }
    const actor = isPlainObject(body) && isPlainObject(body.actor) ? body.actor.id : undefined;
    if (actor !== actorId) {
      throw invalid('activity.invalid-actor', 'Invalid actor');
    }
    const stored = await this.storage.run(async (tx) => {
      const activity = await tx.activities.findById(id);
      if (activity === null) return null;
      if (activity.actor.id !== actorId) {
        // Another actor's activity id: what it says is not the sender's to repeat.
        throw forbidden('activity.not-the-actor', 'This activity belongs to another actor.');
      }
      const objectOf = async (ref: { id: string } | undefined) =>
        ref === undefined ? null : await tx.objects.findById(ref.id);
      return { activity, object: await objectOf(activity.object), target: await objectOf(activity.target) };
    });
    if (stored === null) {
      throw forbidden('activity.remote-not-accepted', 'Activities from other servers are not accepted yet.');
    }
    return stored;
  }
}
