import { SiteUrls } from '../../../../src/domain/site/site-urls';

const site = SiteUrls.of({ hostname: 'localhost', port: 4815 });
const prefixed = SiteUrls.of({ hostname: 'pump.example', port: 443, urlPath: 'social' });

describe('parsing local URLs', () => {
  it.each([
    ['http://localhost:4815/api/user/bob/profile', { kind: 'person', nickname: 'bob' }],
    ['acct:bob@localhost', { kind: 'person', nickname: 'bob' }],
    ['acct:bob@LocalHost', { kind: 'person', nickname: 'bob' }],
    ['http://localhost:4815/api/user/bob', { kind: 'user', nickname: 'bob' }],
    ['http://localhost:4815/api/user/bob/feed', { kind: 'user-feed', nickname: 'bob', feed: 'feed' }],
    [
      'http://localhost:4815/api/user/bob/inbox/direct/minor',
      { kind: 'user-feed', nickname: 'bob', feed: 'inbox/direct/minor' },
    ],
    [
      'http://localhost:4815/api/user/bob/followers',
      { kind: 'user-feed', nickname: 'bob', feed: 'followers' },
    ],
    [
      'http://localhost:4815/api/user/bob/lists/person',
      { kind: 'user-feed', nickname: 'bob', feed: 'lists/person' },
    ],
    ['http://localhost:4815/bob', { kind: 'profile-page', nickname: 'bob' }],
    ['http://localhost:4815/api/note/AbC-_9', { kind: 'object', type: 'note', uuid: 'AbC-_9' }],
    ['http://localhost:4815/api/other/u1', { kind: 'object', type: 'other', uuid: 'u1' }],
    [
      'http://localhost:4815/api/note/u1/replies',
      { kind: 'object-feed', type: 'note', uuid: 'u1', feed: 'replies' },
    ],
    [
      'http://localhost:4815/api/group/g1/inbox',
      { kind: 'object-feed', type: 'group', uuid: 'g1', feed: 'inbox' },
    ],
    [
      'http://localhost:4815/api/note?id=tag%3Ax.org%2C2020%3Aa%20b',
      { kind: 'foreign-object', type: 'note', id: 'tag:x.org,2020:a b' },
    ],
    ['http://localhost:4815/api/activity/a1', { kind: 'activity', uuid: 'a1' }],
    ['http://localhost:4815/bob/activity/a1', { kind: 'activity-page', nickname: 'bob', uuid: 'a1' }],
    ['http://localhost:4815/bob/note/u1', { kind: 'object-page', nickname: 'bob', type: 'note', uuid: 'u1' }],
    [
      'http://localhost:4815/bob/list/u1',
      { kind: 'object-page', nickname: 'bob', type: 'collection', uuid: 'u1' },
    ],
    ['HTTP://LOCALHOST:4815/api/note/u1', { kind: 'object', type: 'note', uuid: 'u1' }],
    ['http://localhost:4815/api/note/u1?ignored=1#frag', { kind: 'object', type: 'note', uuid: 'u1' }],
  ])('recognises %s', (url, expected) => {
    expect(site.parse(url)).toEqual(expected);
  });

  it.each([
    'http://remote.example/api/note/u1',
    'http://localhost:4816/api/note/u1',
    'https://localhost:4815/api/note/u1',
    'http://localhost:48150/api/note/u1',
    'http://localhost:4815',
    'http://localhost:4815/',
    'http://localhost:4815/api/thing/u1',
    'http://localhost:4815/api/note/u1/likes/extra',
    'http://localhost:4815/api/note/u1/nonsense',
    'http://localhost:4815/api/note/not%20a%20uuid',
    'http://localhost:4815/api/note',
    'http://localhost:4815/api/note?other=1',
    'http://localhost:4815/api/activity/a1/extra',
    'http://localhost:4815/api/user/bad nick/profile',
    'http://localhost:4815/api/user/bob/feed/sideways',
    'http://localhost:4815/api/user/bob/lists',
    'http://localhost:4815/api/users',
    'http://localhost:4815/main/login',
    'http://localhost:4815/bob/unknown/u1',
    'http://localhost:4815/robots.txt',
    'acct:bob@remote.example',
    'acct:bad nick@localhost',
    'acct:localhost',
    'urn:uuid:1',
  ])('does not recognise %s', (url) => {
    expect(site.parse(url)).toBeNull();
  });

  it('needs the path prefix of the site', () => {
    expect(prefixed.parse('https://pump.example/social/api/activity/a1')).toEqual({
      kind: 'activity',
      uuid: 'a1',
    });
    expect(prefixed.parse('https://pump.example/social/bob')).toEqual({
      kind: 'profile-page',
      nickname: 'bob',
    });
    expect(prefixed.parse('https://pump.example/api/activity/a1')).toBeNull();
    expect(prefixed.parse('https://pump.example/socialx/bob')).toBeNull();
  });

  it('reads back every URL the builders form', () => {
    const built = [
      site.personId('bob'),
      site.userApiUrl('bob'),
      site.userFeedUrl('bob', 'favorites'),
      site.profilePageUrl('bob'),
      site.objectId('image', 'u1'),
      site.objectFeedUrl('note', 'u1', 'shares'),
      site.foreignObjectUrl('note', 'http://x.org/n?a=1&b=2'),
      site.objectPageUrl('bob', 'collection', 'u1'),
      site.activityId('a1'),
      site.activityPageUrl('bob', 'a1'),
    ];
    expect(built.map((url) => site.parse(url)?.kind)).toEqual([
      'person',
      'user',
      'user-feed',
      'profile-page',
      'object',
      'object-feed',
      'foreign-object',
      'object-page',
      'activity',
      'activity-page',
    ]);
    expect(site.parse(site.foreignObjectUrl('note', 'http://x.org/n?a=1&b=2'))).toEqual({
      kind: 'foreign-object',
      type: 'note',
      id: 'http://x.org/n?a=1&b=2',
    });
  });
});
