import {
  type NotificationFacts,
  notificationKind,
} from '../../../../src/domain/notifications/notification-kind';

const ME = 'https://h.example/api/user/bob/profile';
const ALICE = 'https://h.example/api/user/alice/profile';
const CAROL = 'https://h.example/api/user/carol/profile';

const facts = (fields: Partial<NotificationFacts>): NotificationFacts => ({
  verb: 'post',
  actorId: ALICE,
  objectId: 'https://h.example/api/note/1',
  objectAuthorId: ALICE,
  inReplyToAuthorId: undefined,
  addressedDirectly: false,
  ...fields,
});

describe('notificationKind', () => {
  it.each([
    ['a follow of me', { verb: 'follow', objectId: ME, objectAuthorId: undefined }, 'follow'],
    ['a like of my note', { verb: 'like', objectAuthorId: ME }, 'favorite'],
    ['a favorite of my note', { verb: 'favorite', objectAuthorId: ME }, 'favorite'],
    ['a share of my note', { verb: 'share', objectAuthorId: ME }, 'share'],
    ['a reply to my note', { verb: 'post', inReplyToAuthorId: ME }, 'reply'],
    ['a post addressed to me in to/bto', { addressedDirectly: true }, 'mention'],
  ] as const)('%s is a notification (%s)', (_name, fields, kind) => {
    expect(notificationKind(facts(fields), ME)).toBe(kind);
  });

  it.each([
    ['a post to my followers-of list, not to me', {}],
    ['a follow of someone else', { verb: 'follow', objectId: CAROL }],
    ["a like of someone else's note", { verb: 'like', objectAuthorId: CAROL }],
    ["a share of someone else's note", { verb: 'share', objectAuthorId: CAROL }],
    ["a reply to someone else's note", { inReplyToAuthorId: CAROL }],
    ['an unlike of my note (taking news back)', { verb: 'unlike', objectAuthorId: ME }],
    ['a stop-following of me', { verb: 'stop-following', objectId: ME }],
    ['my own post addressed to me', { actorId: ME, addressedDirectly: true }],
    ['my own like of my own note', { verb: 'like', actorId: ME, objectAuthorId: ME }],
    ['an activity without an actor', { actorId: undefined, addressedDirectly: true }],
  ] as const)('%s is not', (_name, fields) => {
    expect(notificationKind(facts(fields), ME)).toBeNull();
  });
});
