import {
  type AccessToken,
  type Answer,
  type Consumer,
  expectStatus,
  type RequestOptions,
} from '../../support/pump-client';
import type { Json } from '../../support/api-node';
import type { NamedClient } from './named-client';

export const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };

/** A user of a node in the namespace, acting through the API with their access token. */
export class FederatedUser {
  /** On port 80 a person's id is `acct:nick@host` (docs/protocol.md §1.3). */
  readonly id: string;
  readonly webfinger: string;

  constructor(
    readonly nickname: string,
    private readonly token: AccessToken,
    readonly client: NamedClient,
    private readonly consumer: Consumer,
  ) {
    this.webfinger = `${nickname}@${client.host}`;
    this.id = `acct:${this.webfinger}`;
  }

  get ref(): { id: string; objectType: string } {
    return { id: this.id, objectType: 'person' };
  }

  get followersRef(): { id: string; objectType: string } {
    return { id: `${this.client.base}/api/user/${this.nickname}/followers`, objectType: 'collection' };
  }

  send(path: string, options: RequestOptions = {}): Promise<Answer> {
    return this.client.send(path, { consumer: this.consumer, token: this.token, ...options });
  }

  /** A signed GET that must answer 200. */
  async read<T = Json>(path: string): Promise<T> {
    const answer = await this.send(path);
    expectStatus(answer, 200);
    return answer.json as T;
  }

  /** Posts an activity to the user's feed, which must answer 200; answers the activity. */
  async act(activity: Json, what = 'the activity'): Promise<Json> {
    const answer = await this.send(`/api/user/${this.nickname}/feed`, { json: activity });
    if (answer.status !== 200) {
      throw new Error(
        `${this.webfinger} could not post ${what}: HTTP ${answer.status} ${answer.text.slice(0, 400)}`,
      );
    }
    return answer.json as Json;
  }

  /** A public note to the user's followers (pump.io's default audience for a post), or to `audience`. */
  note(content: string, audience: Json = { to: [PUBLIC], cc: [this.followersRef] }): Promise<Json> {
    return this.act(
      { verb: 'post', object: { objectType: 'note', content }, ...audience },
      `the note "${content}"`,
    );
  }

  follow(personId: string): Promise<Json> {
    return this.act(
      { verb: 'follow', object: { objectType: 'person', id: personId } },
      `a follow of ${personId}`,
    );
  }

  /** A verb on an object someone else made (favorite, share, ...). */
  actOn(verb: string, object: Json): Promise<Json> {
    return this.act(
      { verb, object: { id: object.id, objectType: object.objectType } },
      `a ${verb} of ${object.id}`,
    );
  }

  reply(to: Json, content: string): Promise<Json> {
    return this.act(
      {
        verb: 'post',
        object: { objectType: 'comment', content, inReplyTo: { id: to.id, objectType: to.objectType } },
      },
      `a reply to ${to.id}`,
    );
  }

  /** The items of a stream (the first 200). */
  async stream(path: string): Promise<Json[]> {
    const page = await this.read<{ items?: Json[] }>(`${path}?count=200`);
    return page.items ?? [];
  }

  /** The ids of the activities in the user's inbox, newest first. */
  async inboxIds(): Promise<string[]> {
    return (await this.stream(`/api/user/${this.nickname}/inbox`)).map((item) => String(item.id));
  }

  /** The activity with that id in the user's inbox, or undefined. */
  async inboxItem(activityId: string): Promise<Json | undefined> {
    return (await this.stream(`/api/user/${this.nickname}/inbox`)).find((item) => item.id === activityId);
  }

  /** The ids of the people in one of the user's person lists (`followers`, `following`). */
  async people(list: 'followers' | 'following'): Promise<string[]> {
    return (await this.stream(`/api/user/${this.nickname}/${list}`)).map((person) => String(person.id));
  }
}
