import type { Repositories, Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import type { Activity } from '../../../../src/domain/activity-streams/activity';
import type { AsObject } from '../../../../src/domain/activity-streams/as-object';
import { isMajor } from '../../../../src/domain/activity-streams/major-minor';
import { PUBLIC_COLLECTION_ID } from '../../../../src/domain/activity-streams/well-known-ids';
import { isDirectlyAddressed } from '../../../../src/domain/audience/audience';
import {
  ALL_USERS_STREAM,
  collectionMembersStreamName,
  inboxStreamNames,
  outboxStreamNames,
  repliesStreamName,
  userStreamName,
} from '../../../../src/domain/distribution/stream-names';
import { localPerson } from '../../../../src/domain/site/local-person';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';

/** The site every reading test uses (a non-default port, so person ids are profile URLs). */
export const site = SiteUrls.fromBaseUrl('http://localhost:31337');

/** The audience of a test post, by reference. */
export interface TestAudience {
  to?: AsObject[];
  cc?: AsObject[];
  bto?: AsObject[];
  bcc?: AsObject[];
}

/** What a test post made. */
export interface Posted {
  activity: Activity;
  object: AsObject;
}

/**
 * Builds stored state for reading tests straight through the repository ports, following the storage layout of
 * the API brief (persons under their person id, references in activities, streams by name). Delivery is explicit:
 * `post` fills the actor's outbox and inbox and the inboxes of the nicknames given in `deliverTo`.
 */
export class ReadingWorld {
  readonly clock = new FakeClock('2026-01-01T00:00:00Z');
  readonly storage: Storage = createMemoryStorage({ clock: this.clock });
  private sequence = 0;

  get repositories(): Repositories {
    return this.storage;
  }

  personId(nickname: string): string {
    return site.personId(nickname);
  }

  person(nickname: string): AsObject {
    return { id: this.personId(nickname), objectType: 'person' };
  }

  followers(nickname: string): AsObject {
    return { id: site.followersCollectionId(nickname), objectType: 'collection' };
  }

  readonly public: AsObject = { id: PUBLIC_COLLECTION_ID, objectType: 'collection' };

  async user(nickname: string): Promise<void> {
    const now = this.tick();
    await this.storage.users.create({
      nickname,
      passwordHash: '$2a$10$abcdefghijklmnopqrstuv',
      profileId: this.personId(nickname),
      published: now,
      updated: now,
    });
    await this.storage.objects.save(localPerson(site, nickname));
    await this.storage.streams.append(ALL_USERS_STREAM, nickname);
  }

  async follow(follower: string, followee: string): Promise<void> {
    await this.storage.follows.follow(this.personId(follower), this.personId(followee));
  }

  /** A list of persons made by `owner` (with its create activity, to the owner's followers). */
  async list(owner: string, members: string[], displayName = 'Friends'): Promise<AsObject> {
    const uuid = this.uuid();
    const list: AsObject = {
      id: site.objectId('collection', uuid),
      objectType: 'collection',
      displayName,
      objectTypes: ['person'],
      author: this.person(owner),
      url: site.objectPageUrl(owner, 'collection', uuid),
      _uuid: uuid,
    };
    await this.storage.objects.save(list);
    await this.storage.streams.append(userStreamName(owner, 'lists:person'), list.id);
    for (const member of members) {
      await this.storage.streams.append(collectionMembersStreamName(list.id), this.personId(member));
    }
    await this.saveActivity(owner, 'create', list, { cc: [this.followers(owner)] }, []);
    return list;
  }

  /** A note (or `objectType`) posted by `actor` to `audience`, delivered to the inboxes of `deliverTo`. */
  async post(
    actor: string,
    audience: TestAudience,
    deliverTo: string[] = [],
    extra: Partial<AsObject> = {},
  ): Promise<Posted> {
    const uuid = this.uuid();
    const objectType = extra.objectType ?? 'note';
    const object: AsObject = {
      id: site.objectId(objectType, uuid),
      content: `note ${uuid}`,
      author: this.person(actor),
      published: this.tick(),
      _uuid: uuid,
      ...extra,
      objectType,
    };
    await this.storage.objects.save(object);
    if (extra.inReplyTo !== undefined) {
      await this.storage.streams.append(repliesStreamName(extra.inReplyTo.id), object.id);
    }
    const activity = await this.saveActivity(actor, 'post', object, audience, deliverTo);
    return { activity, object };
  }

  /** Any activity by `actor`, stored by reference and put in the outbox and the given inboxes. */
  async saveActivity(
    actor: string,
    verb: string,
    object: AsObject,
    audience: TestAudience,
    deliverTo: string[],
  ): Promise<Activity> {
    const uuid = this.uuid();
    const activity: Activity = {
      id: site.activityId(uuid),
      verb,
      actor: this.person(actor),
      object: { id: object.id, objectType: object.objectType },
      ...audience,
      generator: { id: 'urn:uuid:test-client', objectType: 'application' },
      published: this.tick(),
      updated: this.tick(),
      _uuid: uuid,
    };
    await this.storage.activities.save(activity);
    const major = isMajor(activity);
    await this.storage.streams.appendToMany(outboxStreamNames(actor, major), activity.id);
    for (const nickname of new Set([actor, ...deliverTo])) {
      const direct = isDirectlyAddressed(activity, this.personId(nickname));
      await this.storage.streams.appendToMany(inboxStreamNames(nickname, major, direct), activity.id);
    }
    return activity;
  }

  /** Reduces an object to its tombstone (docs/protocol.md §4.3). */
  async deleteObject(object: AsObject): Promise<void> {
    const { id, objectType, author, published, inReplyTo } = object;
    const now = this.tick();
    await this.storage.objects.save({
      id,
      objectType,
      author,
      published,
      updated: now,
      inReplyTo,
      deleted: now,
    });
  }

  private uuid(): string {
    this.sequence += 1;
    return `uuid${String(this.sequence).padStart(18, '0')}`;
  }

  private tick(): string {
    this.clock.advance(1000);
    return this.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }
}

/**
 * The cast of the privacy tests: alice posts; bob follows her; carol is on her list; dave is addressed
 * directly; eve is nobody to her.
 */
export async function castOfFive(): Promise<{ world: ReadingWorld; list: AsObject }> {
  const world = new ReadingWorld();
  for (const nickname of ['alice', 'bob', 'carol', 'dave', 'eve']) {
    await world.user(nickname);
  }
  await world.follow('bob', 'alice');
  const list = await world.list('alice', ['carol']);
  return { world, list };
}
