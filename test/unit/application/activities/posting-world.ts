import { AddToList } from '../../../../src/application/activities/add-to-list.use-case';
import { DeleteObject } from '../../../../src/application/activities/delete-object.use-case';
import type { FeedKind } from '../../../../src/application/activities/incoming-activity';
import {
  DeleteActivity,
  UpdateActivity,
} from '../../../../src/application/activities/modify-activity.use-cases';
import {
  type ActivityDistribution,
  type LocalInbox,
  PostActivity,
  type PostedActivity,
} from '../../../../src/application/activities/post-activity.use-case';
import { UpdateObject } from '../../../../src/application/activities/update-object.use-case';
import type { Principal } from '../../../../src/application/auth/principal';
import { DistributeActivity } from '../../../../src/application/distribution/distribute-activity.use-case';
import type { IdGenerator } from '../../../../src/application/ports/id-generator.port';
import type { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { SanitizeHtmlSanitizer } from '../../../../src/adapters/sanitizing/sanitize-html-sanitizer';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import type { RemoteSender } from '../../../../src/domain/federation/provenance';
import { localPerson } from '../../../../src/domain/site/local-person';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';
import { RecordingLogger } from '../../../integration/http/recording-logger';

/** Predictable uuids (`u1`, `u2`, ...), so tests can name what will be created. */
export class SequentialIds implements IdGenerator {
  private next = 0;
  uuid(): string {
    this.next += 1;
    return `u${this.next}`;
  }
  token(bytes: number): string {
    return 't'.repeat(bytes);
  }
}

export const site = SiteUrls.fromBaseUrl('http://social.example:8000');
export const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };

/** A memory store with users, the write use cases over it, and shortcuts to act and read streams. */
export class PostingWorld {
  readonly clock = new FakeClock('2026-01-01T00:00:00Z');
  readonly storage: Storage = createMemoryStorage({ clock: this.clock });
  readonly ids = new SequentialIds();
  readonly logger = new RecordingLogger();
  readonly sanitizer = new SanitizeHtmlSanitizer();
  readonly distribute = new DistributeActivity(this.storage, site, this.clock, this.logger);
  /** The publish use case, distributing inline as in production. */
  readonly post = this.publisher(this.distribute);
  /** The same, but its process "dies" before distributing: only the durable job is left to do it. */
  private readonly postWithoutDistribution = this.publisher({ execute: () => Promise.resolve() });
  readonly updateObject = new UpdateObject(this.post, this.storage.objects, site);
  readonly deleteObject = new DeleteObject(this.post, this.storage.objects, site);
  readonly addToList = new AddToList(this.post, this.storage.objects, site);
  readonly updateActivity = new UpdateActivity(this.storage, this.clock, site, this.sanitizer);
  readonly deleteActivity = new DeleteActivity(this.storage, this.clock, site);

  async register(...nicknames: string[]): Promise<void> {
    for (const nickname of nicknames) {
      await this.storage.users.create({
        nickname,
        passwordHash: '$2b$10$xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        profileId: site.personId(nickname),
        published: '2026-01-01T00:00:00Z',
        updated: '2026-01-01T00:00:00Z',
      });
      await this.storage.objects.save(localPerson(site, nickname));
    }
  }

  private publisher(distribution: ActivityDistribution): PostActivity {
    return new PostActivity(
      this.storage,
      this.clock,
      this.ids,
      site,
      this.logger,
      this.sanitizer,
      distribution,
    );
  }

  principal(nickname: string): Principal {
    return {
      clientId: 'client',
      user: { nickname, personId: site.personId(nickname) },
      remoteActor: null,
      generator: { id: 'urn:uuid:client', objectType: 'application', displayName: 'Client' },
    };
  }

  /** Posts without distributing (what survives a crash right after the post). */
  postOnly(nickname: string, body: unknown, feed?: FeedKind): Promise<PostedActivity> {
    const origin = { kind: 'local', principal: this.principal(nickname), nickname } as const;
    return this.postWithoutDistribution.execute({ origin, body, feed });
  }

  /** Posts and distributes, as every entry point does. */
  act(nickname: string, body: unknown, feed?: FeedKind): Promise<PostedActivity> {
    const origin = { kind: 'local', principal: this.principal(nickname), nickname } as const;
    return this.post.execute({ origin, body, feed });
  }

  async note(
    nickname: string,
    content: string,
    extra: Record<string, unknown> = {},
  ): Promise<PostedActivity> {
    return this.act(nickname, { verb: 'post', object: { objectType: 'note', content }, ...extra });
  }

  /** An activity another server delivered to a local inbox, as the inbound federation adapter hands it over. */
  receive(sender: RemoteSender, inbox: LocalInbox, body: unknown): Promise<PostedActivity> {
    return this.post.execute({ origin: { kind: 'remote', sender, inbox }, body });
  }

  stream(name: string): Promise<string[]> {
    return this.storage.streams.page(name, { count: 200 });
  }

  ref(nickname: string): { id: string; objectType: string } {
    return { id: site.personId(nickname), objectType: 'person' };
  }
}
