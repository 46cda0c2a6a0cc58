import { toAs2Document, type As1Document } from '../../../../src/domain/as2/as1-to-as2';
import { SiteUrls } from '../../../../src/domain/site/site-urls';

const H = 'http://localhost:4815';
const site = SiteUrls.fromBaseUrl(H);
const CONTEXT = 'https://www.w3.org/ns/activitystreams';
const PUBLIC_AS1 = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };

/** A local person as the profile endpoint answers them (docs/protocol.md §3.6). */
const frodo = (): As1Document => ({
  id: `${H}/api/user/frodo/profile`,
  objectType: 'person',
  preferredUsername: 'frodo',
  displayName: 'Frodo Baggins',
  url: `${H}/frodo`,
  updated: '2013-01-02T03:04:05Z',
  links: {
    self: { href: `${H}/api/user/frodo/profile` },
    'activity-inbox': { href: `${H}/api/user/frodo/inbox` },
    'activity-outbox': { href: `${H}/api/user/frodo/feed` },
  },
  followers: { url: `${H}/api/user/frodo/followers`, totalItems: 0 },
  following: { url: `${H}/api/user/frodo/following`, totalItems: 0 },
  favorites: { url: `${H}/api/user/frodo/favorites`, totalItems: 0 },
  lists: { url: `${H}/api/user/frodo/lists/person`, totalItems: 4 },
  image: { url: `${H}/uploads/frodo/avatar.jpg`, width: 96, height: 96 },
  pump_io: { followed: false },
});

const note = (extra: Record<string, unknown> = {}): As1Document => ({
  id: `${H}/api/note/n1`,
  objectType: 'note',
  content: "I'm so scared!",
  author: frodo(),
  published: '2013-01-02T03:04:05Z',
  updated: '2013-01-02T03:04:06Z',
  links: { self: { href: `${H}/api/note/n1` } },
  url: `${H}/frodo/note/n1`,
  likes: { url: `${H}/api/note/n1/likes`, totalItems: 0, items: [] },
  replies: {
    url: `${H}/api/note/n1/replies`,
    totalItems: 1,
    items: [{ id: `${H}/api/comment/c1`, objectType: 'comment', content: 'yes' }],
  },
  shares: { url: `${H}/api/note/n1/shares`, totalItems: 0 },
  liked: false,
  pump_io: { shared: false },
  _uuid: 'n1',
  ...extra,
});

const activity = (verb: string, extra: Record<string, unknown> = {}): As1Document => ({
  id: `${H}/api/activity/a1`,
  verb,
  actor: frodo(),
  object: note(),
  content: 'frodo posted a note',
  published: '2013-01-02T03:04:05Z',
  updated: '2013-01-02T03:04:05Z',
  url: `${H}/frodo/activity/a1`,
  links: { self: { href: `${H}/api/activity/a1` } },
  ...extra,
});

describe('a person is an AS2 actor (docs/protocol.md §10.2)', () => {
  test('a local person: id is the profile page, with the inbox, outbox, followers, following and liked URLs', () => {
    expect(toAs2Document(frodo(), site)).toEqual({
      '@context': CONTEXT,
      id: `${H}/frodo`,
      type: 'Person',
      name: 'Frodo Baggins',
      preferredUsername: 'frodo',
      updated: '2013-01-02T03:04:05Z',
      url: { type: 'Link', href: `${H}/frodo`, mediaType: 'text/html' },
      image: { type: 'Link', href: `${H}/uploads/frodo/avatar.jpg`, width: 96, height: 96 },
      inbox: `${H}/api/user/frodo/inbox`,
      outbox: `${H}/api/user/frodo/feed`,
      followers: `${H}/api/user/frodo/followers`,
      following: `${H}/api/user/frodo/following`,
      liked: `${H}/api/user/frodo/favorites`,
    });
  });

  test('on port 80 a local person id is acct:, and the AS2 id is still the profile page', () => {
    const site80 = SiteUrls.fromBaseUrl('http://social.example');
    const person = { id: 'acct:sam@social.example', objectType: 'person', url: 'http://social.example/sam' };
    expect(toAs2Document(person, site80).id).toBe('http://social.example/sam');
  });

  test('a remote person keeps their own id and endpoints', () => {
    const remote = {
      id: 'http://other.example/api/user/bilbo/profile',
      objectType: 'person',
      links: { 'activity-inbox': { href: 'http://other.example/api/user/bilbo/inbox' } },
      followers: { url: 'http://other.example/api/user/bilbo/followers' },
    };
    expect(toAs2Document(remote, site)).toEqual({
      '@context': CONTEXT,
      id: 'http://other.example/api/user/bilbo/profile',
      type: 'Person',
      inbox: 'http://other.example/api/user/bilbo/inbox',
      followers: 'http://other.example/api/user/bilbo/followers',
    });
  });
});

describe('objects', () => {
  test('a note: its id, content and dates, its author as attributedTo, its replies as an OrderedCollection', () => {
    const as2 = toAs2Document(note(), site);
    expect(as2).toEqual({
      '@context': CONTEXT,
      id: `${H}/api/note/n1`,
      type: 'Note',
      content: "I'm so scared!",
      published: '2013-01-02T03:04:05Z',
      updated: '2013-01-02T03:04:06Z',
      url: { type: 'Link', href: `${H}/frodo/note/n1`, mediaType: 'text/html' },
      attributedTo: expect.objectContaining({ id: `${H}/frodo`, type: 'Person' }),
      replies: {
        id: `${H}/api/note/n1/replies`,
        type: 'OrderedCollection',
        totalItems: 1,
        first: {
          type: 'OrderedCollectionPage',
          partOf: `${H}/api/note/n1/replies`,
          orderedItems: [{ id: `${H}/api/comment/c1`, type: 'Note', content: 'yes' }],
        },
      },
      likes: { id: `${H}/api/note/n1/likes`, type: 'OrderedCollection', totalItems: 0 },
      shares: { id: `${H}/api/note/n1/shares`, type: 'OrderedCollection', totalItems: 0 },
    });
    expect(JSON.stringify(as2)).not.toMatch(/pump_io|_uuid|"liked":false|"links"|"lists"/);
  });

  test('only the top level carries the @context', () => {
    const as2 = toAs2Document(note(), site);
    expect(as2.attributedTo).not.toHaveProperty('@context');
  });

  test.each([
    ['note', 'Note'],
    ['comment', 'Note'],
    ['image', 'Image'],
    ['collection', 'Collection'],
    ['group', 'Group'],
    ['place', 'Place'],
    ['review', 'Object'],
    ['http://example.com/custom-type', 'Object'],
  ])('objectType %s is type %s', (objectType, type) => {
    expect(toAs2Document({ id: 'urn:uuid:1', objectType }, site).type).toBe(type);
  });

  test('an object stored under a foreign id is identified by the URL that serves it (links.self)', () => {
    const self = `${H}/api/note?id=${encodeURIComponent('urn:uuid:x')}`;
    const as2 = toAs2Document(
      { id: 'urn:uuid:x', objectType: 'note', links: { self: { href: self } } },
      site,
    );
    expect(as2.id).toBe(self);
  });

  test('a deleted object is a Tombstone that remembers its type', () => {
    const as2 = toAs2Document(
      { id: `${H}/api/note/gone`, objectType: 'note', deleted: '2013-01-02T03:04:05Z' },
      site,
    );
    expect(as2).toEqual({
      '@context': CONTEXT,
      id: `${H}/api/note/gone`,
      type: 'Tombstone',
      formerType: 'Note',
      deleted: '2013-01-02T03:04:05Z',
    });
  });

  test('inReplyTo and attachments are mapped too', () => {
    const reply = {
      id: `${H}/api/comment/c1`,
      objectType: 'comment',
      inReplyTo: { id: `${H}/api/note/n1`, objectType: 'note' },
      attachments: [{ id: `${H}/api/image/i1`, objectType: 'image' }],
    };
    expect(toAs2Document(reply, site)).toMatchObject({
      inReplyTo: { id: `${H}/api/note/n1`, type: 'Note' },
      attachment: [{ id: `${H}/api/image/i1`, type: 'Image' }],
    });
  });

  test('the AS1 document is not changed', () => {
    const as1 = note();
    const before = JSON.stringify(as1);
    toAs2Document(as1, site);
    expect(JSON.stringify(as1)).toBe(before);
  });
});

describe('activities', () => {
  test('a post is a Create: actor and object mapped, content as summary, addressing as ids', () => {
    const as2 = toAs2Document(
      activity('post', {
        to: [PUBLIC_AS1, { id: `${H}/api/user/sam/profile`, objectType: 'person' }],
        cc: [{ id: `${H}/api/user/frodo/followers`, objectType: 'collection' }],
        generator: { id: 'urn:uuid:app', objectType: 'application', displayName: 'A client' },
      }),
      site,
    );
    expect(as2).toMatchObject({
      '@context': CONTEXT,
      id: `${H}/api/activity/a1`,
      type: 'Create',
      summary: 'frodo posted a note',
      url: { type: 'Link', href: `${H}/frodo/activity/a1`, mediaType: 'text/html' },
      actor: { id: `${H}/frodo`, type: 'Person' },
      object: { id: `${H}/api/note/n1`, type: 'Note' },
      to: ['https://www.w3.org/ns/activitystreams#Public', `${H}/sam`],
      cc: [`${H}/api/user/frodo/followers`],
      generator: { id: 'urn:uuid:app', type: 'Application', name: 'A client' },
    });
    expect(as2).not.toHaveProperty('content');
  });

  test('a post with a target is an Add', () => {
    const target = { id: `${H}/api/collection/l1`, objectType: 'collection' };
    expect(toAs2Document(activity('post', { target }), site)).toMatchObject({
      type: 'Add',
      target: { id: `${H}/api/collection/l1`, type: 'Collection' },
    });
  });

  test.each([
    ['share', 'Announce'],
    ['favorite', 'Like'],
    ['like', 'Like'],
    ['follow', 'Follow'],
    ['update', 'Update'],
    ['delete', 'Delete'],
    ['join', 'Join'],
    ['create', 'Create'],
    ['watch', 'View'],
    ['rsvp-maybe', 'TentativeAccept'],
    ['flag-as-inappropriate', 'Flag'],
    ['tag', 'Activity'],
  ])('verb %s is type %s', (verb, type) => {
    expect(toAs2Document(activity(verb), site).type).toBe(type);
  });

  test.each([
    ['stop-following', 'Follow'],
    ['unfavorite', 'Like'],
    ['unlike', 'Like'],
    ['unshare', 'Announce'],
  ])('%s is an Undo of a %s by the same actor', (verb, undone) => {
    const sam = { id: `${H}/api/user/sam/profile`, objectType: 'person' };
    const as2 = toAs2Document(activity(verb, { object: sam }), site);
    expect(as2).toMatchObject({
      id: `${H}/api/activity/a1`,
      type: 'Undo',
      actor: { id: `${H}/frodo` },
      object: { type: undone, actor: { id: `${H}/frodo` }, object: { id: `${H}/sam`, type: 'Person' } },
    });
  });
});

describe('collections', () => {
  const followers = (items: As1Document[], totalItems = items.length): As1Document => ({
    displayName: 'Followers',
    url: `${H}/api/user/frodo/followers`,
    objectTypes: ['person'],
    totalItems,
    items,
    links: {
      self: { href: `${H}/api/user/frodo/followers?offset=0&count=20` },
      current: { href: `${H}/api/user/frodo/followers` },
      ...(items.length > 0 ? { prev: { href: `${H}/api/user/frodo/followers?since=x` } } : {}),
    },
  });

  test('an empty collection is an OrderedCollection with totalItems 0 and no first page or items', () => {
    expect(toAs2Document(followers([]), site)).toEqual({
      '@context': CONTEXT,
      id: `${H}/api/user/frodo/followers`,
      type: 'OrderedCollection',
      name: 'Followers',
      totalItems: 0,
    });
  });

  test('a collection with items embeds the page in hand as its first page', () => {
    const sam = { id: `${H}/api/user/sam/profile`, objectType: 'person', displayName: 'Sam' };
    expect(toAs2Document(followers([sam], 3), site)).toEqual({
      '@context': CONTEXT,
      id: `${H}/api/user/frodo/followers`,
      type: 'OrderedCollection',
      name: 'Followers',
      totalItems: 3,
      first: {
        id: `${H}/api/user/frodo/followers?offset=0&count=20`,
        type: 'OrderedCollectionPage',
        partOf: `${H}/api/user/frodo/followers`,
        prev: `${H}/api/user/frodo/followers?since=x`,
        orderedItems: [{ id: `${H}/sam`, type: 'Person', name: 'Sam' }],
      },
    });
  });

  test('an activity stream: items are activities, next and prev come from the links', () => {
    const feed = {
      displayName: 'Activities by frodo',
      objectTypes: ['activity'],
      url: `${H}/api/user/frodo/feed`,
      author: frodo(),
      totalItems: 30,
      items: [activity('post')],
      links: {
        first: { href: `${H}/api/user/frodo/feed` },
        self: { href: `${H}/api/user/frodo/feed` },
        prev: { href: `${H}/api/user/frodo/feed?since=a1` },
        next: { href: `${H}/api/user/frodo/feed?before=a1` },
      },
    };
    const as2 = toAs2Document(feed, site);
    expect(as2.first).toEqual({
      type: 'OrderedCollectionPage',
      partOf: `${H}/api/user/frodo/feed`,
      next: `${H}/api/user/frodo/feed?before=a1`,
      prev: `${H}/api/user/frodo/feed?since=a1`,
      orderedItems: [expect.objectContaining({ id: `${H}/api/activity/a1`, type: 'Create' })],
    });
    expect(as2).not.toHaveProperty('attributedTo');
  });
});
