import type { Activity } from '../../domain/activity-streams/activity';
import { isMajor } from '../../domain/activity-streams/major-minor';
import { outboxStreamNames } from '../../domain/distribution/stream-names';
import { unauthenticated } from '../../domain/errors/domain-error';
import type { RemoteSender } from '../../domain/federation/provenance';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Principal } from '../auth/principal';
import type { DistributeActivityCommand } from '../distribution/distribute-activity.use-case';
import { distributeJob } from '../distribution/distribution-jobs';
import type { Clock } from '../ports/clock.port';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { Logger } from '../ports/logger.port';
import type { MediaStorage } from '../ports/media-storage.port';
import { uploadRecordOf, storedKeysOf } from '../../domain/uploads/upload-record';
import type { Repositories, UnitOfWork } from '../ports/storage/unit-of-work.port';
import { type BuiltActivity, ClientActivityBuilder } from './client-activity';
import { composedActivityContent } from './composed-content';
import { type AccountActors, withFollowedActor } from './followed-account';
import { checkIncoming, type FeedKind } from './incoming-activity';
import { RemoteActivityBuilder } from './remote-activity';
import { RemoteActivityPublication } from './remote-publication';

/**
 * The local inbox a remote activity was delivered to (docs/protocol.md §7.2): a local user's
 * (`/api/user/:nick/inbox`) or a local group's (`/api/group/:uuid/inbox`).
 */
export type LocalInbox =
  { readonly kind: 'user'; readonly nickname: string } | { readonly kind: 'group'; readonly uuid: string };

/**
 * Where an activity comes from, which decides what is checked before it is published:
 * - `local`: a local user through the API or the web UI; the principal must be that user.
 * - `remote`: another server's activity, handed over by an inbound federation adapter with the sender its OAuth
 *   client proved (a Dialback-registered webfinger or host client) and the inbox it was posted to. The activity
 *   keeps its own id, which makes a replay (the same delivery twice) a no-op.
 */
export type ActivityOrigin =
  | { readonly kind: 'local'; readonly principal: Principal; readonly nickname: string }
  | { readonly kind: 'remote'; readonly sender: RemoteSender; readonly inbox: LocalInbox };

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
  /** Where uploaded files live: deleting an uploaded object deletes its files there. None: files are kept. */
  readonly media?: Pick<MediaStorage, 'delete'>;
  /** Names the ActivityPub actor behind a followed `acct:` account. None: every `acct:` follow is pump.io's. */
  readonly accounts?: AccountActors;
}

/**
 * The one way an activity is published (docs/architecture.md §2): the API's feeds and shortcuts, the web UI's forms,
 * profile updates and registrations all come here, and so do activities from other servers.
 *
 * Invariants:
 * - a local user's activity (`POST /api/user/:nick/feed`, docs/protocol.md §4.2): only that user may post
 *   (401 "Not authorized"); the body is checked and cleaned, its side effects applied (§4.3);
 * - for those, in ONE unit of work: the side effects (or the composing use case's writes), the activity, the
 *   actor's outbox entries and a durable `distribute` job (deduplicated by activity id); any failure, a 4xx
 *   included, leaves nothing behind;
 * - then, before answering, the distribution runs inline: local followers and recipients have the activity when
 *   the call returns. Its failure is logged, not thrown: the durable job redoes it;
 * - a remote activity (docs/protocol.md §7.2, {@link RemoteActivityPublication}): checked against its sender,
 *   published once by its id (a replay is answered as stored, nothing done twice), its side effects applied by
 *   the same effect code, and confined to the inbox it was delivered to, all in one unit of work.
 */
export class PostActivity {
  private readonly distributeDelayMs: number;
  private readonly builder: ClientActivityBuilder;
  private readonly remote: RemoteActivityPublication;
  private readonly media: Pick<MediaStorage, 'delete'> | null;
  private readonly accounts: AccountActors | undefined;

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
    this.media = options.media ?? null;
    this.accounts = options.accounts;
    this.builder = new ClientActivityBuilder(site, clock, ids);
    this.remote = new RemoteActivityPublication(
      storage,
      site,
      sanitizer,
      new RemoteActivityBuilder(site, clock, ids),
    );
  }

  async execute(command: PostActivityCommand): Promise<PostedActivity> {
    const { origin } = command;
    if (origin.kind === 'remote') {
      const posted = await this.remote.publish(origin.sender, origin.inbox, command.body);
      this.logger.debug({ activityId: posted.activity.id, inbox: origin.inbox }, 'remote activity received');
      return posted;
    }
    const { principal, nickname } = origin;
    if (principal.user === null || principal.user.nickname !== nickname) {
      throw unauthenticated('auth.not-same-user', 'Not authorized');
    }
    const checked = checkIncoming(
      await withFollowedActor(command.body, this.accounts),
      this.site.personId(nickname),
      command.feed ?? 'all',
      this.sanitizer,
    );
    const { posted, released } = await this.storage.run(async (tx) => {
      const files = await this.filesOfDeleted(tx, checked.verb, checked.body.object?.id);
      const built = await this.builder.build(tx, { nickname, generator: principal.generator }, checked);
      await this.store(tx, built.activity, nickname);
      return { posted: built, released: built.object?.deleted === undefined ? [] : files };
    });
    this.logger.debug({ activityId: posted.activity.id, verb: posted.activity.verb }, 'activity posted');
    await this.releaseFiles(released);
    await this.distribute([posted.activity]);
    return posted;
  }

  /**
   * Publishes activities the server composed: `compose` runs in the unit of work that then stores each activity
   * with its outbox entries (when the actor is a local user) and its job; they are distributed in their order.
   * An activity without `content` gets the generated sentence, as a client's does.
   */
  async publishComposed<T>(compose: (tx: Repositories) => Promise<ComposedActivities<T>>): Promise<T> {
    const composed = await this.storage.run(async (tx) => {
      const result = await compose(tx);
      for (const activity of result.activities) {
        // Set on the composer's own object, so a use case that answers its activity answers the sentence too.
        activity.content ??= await composedActivityContent(tx, activity);
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

  /** The media keys of the uploaded object a `delete` names, read before it becomes a tombstone. */
  private async filesOfDeleted(tx: Repositories, verb: string, objectId: unknown): Promise<string[]> {
    if (verb !== 'delete' || this.media === null || typeof objectId !== 'string') return [];
    const stored = await tx.objects.findById(objectId);
    const record = stored === null ? null : uploadRecordOf(stored);
    return record === null ? [] : storedKeysOf(record);
  }

  /**
   * Deletes the files of a deleted upload, once its tombstone is committed (a refused delete keeps them). A file
   * left by a failure here only takes disk space: the tombstone no longer counts it, nor serves it.
   */
  private async releaseFiles(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      await this.media?.delete(key).catch((error: unknown) => {
        this.logger.error({ err: error, key }, 'could not delete the file of a deleted upload');
      });
    }
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
}
