import type { Activity } from '../../domain/activity-streams/activity';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { ACTIVITYPUB_MARK } from '../../domain/activitypub/protocol-of-person';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { PostActivity } from '../activities/post-activity.use-case';
import { isoSeconds } from '../activities/timestamps';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { Repositories } from '../ports/storage/unit-of-work.port';

/**
 * What follows an ActivityPub delivery once it is published (docs/activitypub.md §8, §9): its actor is marked as
 * spoken to in ActivityPub ({@link ACTIVITYPUB_MARK}), and a Follow of a local user is answered with that user's
 * Accept of it, published as a server-composed activity addressed to the follower, so the delivery pipeline
 * (the same jobs, retries and dead letters as pump.io's) carries it to the follower's inbox.
 *
 * Invariants: the mark is set on the stored actor only (never taken from a body); one Accept per Follow (the
 * Follow remembers `_acceptSent`, so a redelivered Follow adds nothing).
 */
export class ActivityPubAftermath {
  constructor(
    private readonly repositories: Pick<Repositories, 'objects' | 'activities' | 'follows'>,
    private readonly publisher: Pick<PostActivity, 'publishComposed'>,
    private readonly site: SiteUrls,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async markActivityPubActor(actorId: string): Promise<void> {
    const stored = await this.repositories.objects.findById(actorId);
    if (stored !== null && stored[ACTIVITYPUB_MARK] !== true) {
      await this.repositories.objects.save({ ...stored, [ACTIVITYPUB_MARK]: true });
    }
  }

  /** Publishes the Accept of `followId` by the local user it followed, unless it was published already. */
  async acceptFollow(followId: string): Promise<void> {
    const follow = await this.repositories.activities.findById(followId);
    const nickname = follow?.object === undefined ? null : this.site.nicknameOfPersonId(follow.object.id);
    if (follow === null || follow.verb !== 'follow' || nickname === null) return;
    if (follow._acceptSent === true) return;
    await this.publisher.publishComposed(async (tx) => {
      await tx.activities.save({ ...follow, _acceptSent: true });
      return { activities: [this.acceptOf(follow, nickname)], value: undefined };
    });
  }

  /**
   * The answer of a remote actor to a local user's Follow of them (an Accept or a Reject whose object is our
   * Follow, by id or embedded): recorded on the Follow as `_accepted` or `_rejected` (ISO time); a Reject also
   * ends the follow. Answers false when `followId` is not a local user's Follow of `actorId` (nothing changed).
   */
  async recordAnswer(followId: string, actorId: string, answer: 'accept' | 'reject'): Promise<boolean> {
    const follow = await this.repositories.activities.findById(followId);
    if (follow === null || follow.verb !== 'follow' || follow.object?.id !== actorId) return false;
    if (this.site.nicknameOfPersonId(follow.actor.id) === null) return false;
    const field = answer === 'accept' ? '_accepted' : '_rejected';
    if (follow[field] === undefined) {
      await this.repositories.activities.save({ ...follow, [field]: isoSeconds(this.clock.now()) });
    }
    if (answer === 'reject') await this.repositories.follows.unfollow(follow.actor.id, actorId);
    return true;
  }

  private acceptOf(follow: Activity, nickname: string): Activity {
    const uuid = this.ids.uuid();
    const id = this.site.activityId(uuid);
    const now = isoSeconds(this.clock.now());
    const person = { id: this.site.personId(nickname), objectType: 'person' } as AsObject;
    const follower = { id: follow.actor.id, objectType: 'person' } as AsObject;
    return {
      id,
      verb: 'accept',
      actor: person,
      // The Follow itself, embedded: what Mastodon and Fedify match an Accept to.
      object: {
        id: follow.id,
        objectType: 'activity',
        verb: 'follow',
        actor: follower,
        object: person,
      } as AsObject,
      to: [follower],
      published: now,
      updated: now,
      links: { self: { href: id } },
      url: this.site.activityPageUrl(nickname, uuid),
      _uuid: uuid,
    };
  }
}
