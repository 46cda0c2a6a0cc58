import {
  ALL_USERS_STREAM,
  collectionMembersStreamName,
  favoritersStreamName,
  groupStreamName,
  inboxStreamNames,
  outboxStreamNames,
  repliesStreamName,
  sharesStreamName,
  userStreamKindOfFeed,
  userStreamName,
} from '../../../../src/domain/distribution/stream-names';
import { USER_FEEDS } from '../../../../src/domain/site/user-feeds';

describe('stream names (docs/runtime.md §4)', () => {
  it('names user streams user:<nick>:<kind>', () => {
    expect(userStreamName('bob', 'inbox:direct:major')).toBe('user:bob:inbox:direct:major');
    expect(userStreamName('bob', 'lists:person')).toBe('user:bob:lists:person');
    expect(ALL_USERS_STREAM).toBe('user:all');
  });

  it('puts an activity in the outbox and its major or minor part', () => {
    expect(outboxStreamNames('bob', true)).toEqual(['user:bob:outbox', 'user:bob:outbox:major']);
    expect(outboxStreamNames('bob', false)).toEqual(['user:bob:outbox', 'user:bob:outbox:minor']);
  });

  it('puts an activity in the inbox and its major or minor part', () => {
    expect(inboxStreamNames('bob', true, false)).toEqual(['user:bob:inbox', 'user:bob:inbox:major']);
    expect(inboxStreamNames('bob', false, false)).toEqual(['user:bob:inbox', 'user:bob:inbox:minor']);
  });

  it('adds the direct streams for a direct activity', () => {
    expect(inboxStreamNames('bob', true, true)).toEqual([
      'user:bob:inbox',
      'user:bob:inbox:major',
      'user:bob:inbox:direct',
      'user:bob:inbox:direct:major',
    ]);
    expect(inboxStreamNames('bob', false, true)).toEqual([
      'user:bob:inbox',
      'user:bob:inbox:minor',
      'user:bob:inbox:direct',
      'user:bob:inbox:direct:minor',
    ]);
  });

  it.each([
    ['feed', 'outbox'],
    ['feed/major', 'outbox:major'],
    ['feed/minor', 'outbox:minor'],
    ['inbox', 'inbox'],
    ['inbox/direct/minor', 'inbox:direct:minor'],
    ['followers', 'followers'],
    ['lists/person', 'lists:person'],
    ['uploads', 'uploads'],
  ] as const)('maps the feed path %s to the %s stream', (feed, kind) => {
    expect(userStreamKindOfFeed(feed)).toBe(kind);
  });

  it('maps every feed path to a distinct stream', () => {
    const kinds = USER_FEEDS.map((feed) => userStreamKindOfFeed(feed));
    expect(new Set(kinds).size).toBe(USER_FEEDS.length);
  });

  it('names object, collection and group streams', () => {
    const id = 'http://x.org/api/note/n1';
    expect(repliesStreamName(id)).toBe('activityobject:replies:http://x.org/api/note/n1');
    expect(sharesStreamName(id)).toBe('activityobject:shares:http://x.org/api/note/n1');
    expect(favoritersStreamName(id)).toBe('favoriters:http://x.org/api/note/n1');
    expect(collectionMembersStreamName('http://x.org/api/collection/c1')).toBe(
      'collection:http://x.org/api/collection/c1',
    );
    expect(groupStreamName('g1', 'members')).toBe('group:g1:members');
    expect(groupStreamName('g1', 'inbox')).toBe('group:g1:inbox');
    expect(groupStreamName('g1', 'documents')).toBe('group:g1:documents');
  });
});
