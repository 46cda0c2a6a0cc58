import { PUBLIC_COLLECTION_ID } from '../../../../src/domain/activity-streams/well-known-ids';
import { type As2Site, toAs2 } from '../../../../src/domain/as2/as1-to-as2';
import { as2ActivityToAs1 } from '../../../../src/domain/as2/as2-to-as1';
import { AS2_PUBLIC } from '../../../../src/domain/as2/as2-vocabulary';

// One table, both directions (docs/activitypub.md §6): each row is an AS1 activity and the AS2 activity it is;
// toAs2 of the AS1 side must contain the AS2 side, and as2ActivityToAs1 of the AS2 side must contain the AS1 side.

const site: As2Site = {
  nicknameOfPersonId: () => null,
  profilePageUrl: (nick) => `https://house.test/${nick}`,
};
const ZOE = 'https://remote.test/users/zoe';
const ZOE_FOLLOWERS = `${ZOE}/followers`;
const BOB = 'https://house.test/bob';
const senders = { isFollowersCollection: (id: string) => id === ZOE_FOLLOWERS };

const as1Zoe = { id: ZOE, objectType: 'person' };
const as2Zoe = { id: ZOE, type: 'Person' };
const as1Bob = { id: BOB, objectType: 'person' };
const as2Bob = { id: BOB, type: 'Person' };
const note = (n: number) => `${ZOE}/notes/${n}`;
const as1Note = { id: note(1), objectType: 'note', content: '<p>hi</p>' };
const as2Note = { id: note(1), type: 'Note', content: '<p>hi</p>' };
const activity = (n: number) => `${ZOE}/activities/${n}`;

type Row = readonly [name: string, as1: Record<string, unknown>, as2: Record<string, unknown>];

const VERBS: Row[] = [
  [
    'post ↔ Create',
    { id: activity(1), verb: 'post', actor: as1Zoe, object: as1Note },
    { id: activity(1), type: 'Create', actor: as2Zoe, object: as2Note },
  ],
  [
    'post of a reply (comment) ↔ Create of a Note inReplyTo',
    {
      verb: 'post',
      object: { id: note(2), objectType: 'comment', inReplyTo: { id: note(1), objectType: 'note' } },
    },
    { type: 'Create', object: { id: note(2), type: 'Note', inReplyTo: { id: note(1), type: 'Note' } } },
  ],
  [
    'share ↔ Announce',
    { verb: 'share', actor: as1Zoe, object: as1Note },
    { type: 'Announce', actor: as2Zoe, object: as2Note },
  ],
  ['favorite ↔ Like', { verb: 'favorite', object: as1Note }, { type: 'Like', object: as2Note }],
  [
    'follow ↔ Follow',
    { verb: 'follow', actor: as1Zoe, object: as1Bob },
    { type: 'Follow', actor: as2Zoe, object: as2Bob },
  ],
  [
    'accept of a follow ↔ Accept of the Follow',
    {
      verb: 'accept',
      actor: as1Bob,
      object: { id: activity(9), objectType: 'activity', verb: 'follow', actor: as1Zoe, object: as1Bob },
    },
    {
      type: 'Accept',
      actor: as2Bob,
      object: { id: activity(9), type: 'Follow', actor: as2Zoe, object: as2Bob },
    },
  ],
  [
    'reject of a follow ↔ Reject of the Follow',
    { verb: 'reject', object: { objectType: 'activity', verb: 'follow', actor: as1Zoe, object: as1Bob } },
    { type: 'Reject', object: { type: 'Follow', actor: as2Zoe, object: as2Bob } },
  ],
  [
    'stop-following ↔ Undo of a Follow',
    { verb: 'stop-following', object: as1Bob },
    { type: 'Undo', object: { type: 'Follow', actor: as2Zoe, object: as2Bob } },
  ],
  [
    'unfavorite ↔ Undo of a Like',
    { verb: 'unfavorite', object: as1Note },
    { type: 'Undo', object: { type: 'Like', object: as2Note } },
  ],
  [
    'unshare ↔ Undo of an Announce',
    { verb: 'unshare', object: as1Note },
    { type: 'Undo', object: { type: 'Announce', object: as2Note } },
  ],
  [
    'update ↔ Update',
    { verb: 'update', object: { ...as1Note, content: 'edited' } },
    { type: 'Update', object: { ...as2Note, content: 'edited' } },
  ],
  [
    'delete ↔ Delete of a Tombstone',
    { verb: 'delete', object: { id: note(1), objectType: 'note', deleted: '2026-12-01T00:00:00Z' } },
    {
      type: 'Delete',
      object: { id: note(1), type: 'Tombstone', formerType: 'Note', deleted: '2026-12-01T00:00:00Z' },
    },
  ],
  [
    'the activity content ↔ summary; published, updated and url',
    {
      verb: 'post',
      content: 'zoe posted a note',
      published: '2026-12-01T00:00:00Z',
      updated: '2026-12-02T00:00:00Z',
      url: `${ZOE}/page`,
    },
    {
      type: 'Create',
      summary: 'zoe posted a note',
      published: '2026-12-01T00:00:00Z',
      updated: '2026-12-02T00:00:00Z',
      url: { href: `${ZOE}/page` },
    },
  ],
  [
    'to/cc/bto/bcc: Public, the followers collection and persons',
    {
      verb: 'post',
      to: [{ id: PUBLIC_COLLECTION_ID, objectType: 'collection' }],
      cc: [{ id: ZOE_FOLLOWERS, objectType: 'collection' }],
      bto: [{ id: BOB, objectType: 'person' }],
      bcc: [{ id: 'https://elsewhere.test/u/eve', objectType: 'person' }],
    },
    {
      type: 'Create',
      to: [AS2_PUBLIC],
      cc: [ZOE_FOLLOWERS],
      bto: [BOB],
      bcc: ['https://elsewhere.test/u/eve'],
    },
  ],
];

const OBJECT_TYPES: readonly (readonly [as1: string, as2: string])[] = [
  ['note', 'Note'],
  ['article', 'Article'],
  ['image', 'Image'],
  ['video', 'Video'],
  ['audio', 'Audio'],
  ['person', 'Person'],
  ['group', 'Group'],
  ['event', 'Event'],
  ['place', 'Place'],
  ['collection', 'Collection'],
  ['application', 'Application'],
  ['service', 'Service'],
  ['organization', 'Organization'],
  ['page', 'Page'],
  ['question', 'Question'],
  ['offer', 'Offer'],
];

const base = { id: activity(1), actor: as1Zoe };
const base2 = { id: activity(1), actor: as2Zoe };

describe('AS1 ↔ AS2, both directions', () => {
  describe.each(VERBS)('%s', (_name, as1, as2) => {
    it('AS1 → AS2', () => {
      expect(toAs2({ ...base, ...as1 }, site)).toMatchObject({ ...base2, ...as2 });
    });
    it('AS2 → AS1', () => {
      expect(as2ActivityToAs1({ ...base2, ...as2 }, senders)).toMatchObject({ ...base, ...as1 });
    });
  });

  describe.each(OBJECT_TYPES)('a posted %s ↔ Create of a %s', (as1Type, as2Type) => {
    const object1 = { id: note(3), objectType: as1Type, displayName: 'A name', summary: 'sum', content: 'c' };
    const object2 = { id: note(3), type: as2Type, name: 'A name', summary: 'sum', content: 'c' };
    it('AS1 → AS2', () => {
      expect(toAs2({ ...base, verb: 'post', object: object1 }, site)).toMatchObject({
        ...base2,
        type: 'Create',
        object: object2,
      });
    });
    it('AS2 → AS1', () => {
      expect(as2ActivityToAs1({ ...base2, type: 'Create', object: object2 }, senders)).toMatchObject({
        ...base,
        verb: 'post',
        object: object1,
      });
    });
  });
});

describe('AS2 → AS1, what only the way in meets', () => {
  const create = (object: unknown, extra: Record<string, unknown> = {}) => ({
    ...base2,
    type: 'Create',
    object,
    ...extra,
  });

  it('takes bare ids for the actor and the object', () => {
    expect(
      as2ActivityToAs1({ id: activity(1), type: 'Announce', actor: ZOE, object: note(1) }, senders),
    ).toEqual({
      id: activity(1),
      verb: 'share',
      actor: { id: ZOE, objectType: 'person' },
      object: { id: note(1) },
    });
  });

  it('reads the Public collection in its short forms, its old http spelling, and single addressees that are not lists', () => {
    const oldSpelling = 'http://www.w3.org/ns/activitystreams#Public';
    for (const form of [AS2_PUBLIC, oldSpelling, 'as:Public', 'Public']) {
      expect(as2ActivityToAs1(create(as2Note, { to: form }), senders)).toMatchObject({
        to: [{ id: PUBLIC_COLLECTION_ID, objectType: 'collection' }],
      });
    }
  });

  it('takes contentMap when there is no content, and the HTML url among several', () => {
    const object = {
      id: note(4),
      type: 'Note',
      contentMap: { en: '<p>hello</p>' },
      url: [
        { type: 'Link', href: `${ZOE}/n/4.json`, mediaType: 'application/json' },
        { type: 'Link', href: `${ZOE}/n/4`, mediaType: 'text/html' },
      ],
      attributedTo: ZOE,
    };
    expect(as2ActivityToAs1(create(object), senders)).toMatchObject({
      object: { content: '<p>hello</p>', url: `${ZOE}/n/4`, author: { id: ZOE, objectType: 'person' } },
    });
  });

  it('reads a person: preferredUsername and the icon as the AS1 image', () => {
    const person = {
      ...as2Zoe,
      preferredUsername: 'zoe',
      icon: { type: 'Image', url: `${ZOE}/a.png`, width: 48 },
    };
    expect(as2ActivityToAs1({ ...base2, type: 'Update', object: person }, senders)).toMatchObject({
      object: { objectType: 'person', preferredUsername: 'zoe', image: { url: `${ZOE}/a.png`, width: 48 } },
    });
  });

  it.each([
    ['an unsupported type', { ...base2, type: 'Move', object: ZOE }, 'unsupported-type'],
    ['an Undo of a bare id', { ...base2, type: 'Undo', object: activity(2) }, 'unknown-undo'],
    [
      'an Undo of a type that cannot be undone',
      { ...base2, type: 'Undo', object: { type: 'Create' } },
      'unknown-undo',
    ],
    ['no actor', { id: activity(1), type: 'Create', object: as2Note }, 'not-an-activity'],
    ['no id', { type: 'Create', actor: ZOE, object: as2Note }, 'not-an-activity'],
    ['not an object', 'Create', 'not-an-activity'],
  ])('refuses %s', (_name, as2, refusal) => {
    expect(as2ActivityToAs1(as2, senders)).toBe(refusal);
  });
});
