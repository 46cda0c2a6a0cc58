import type { Activity } from '../../../../src/domain/activity-streams/activity';
import type { AsObject } from '../../../../src/domain/activity-streams/as-object';
import { publicCollectionAddress } from '../../../../src/domain/activity-streams/well-known-ids';
import { activitySeenBy } from '../../../../src/domain/visibility/redaction';
import {
  canSeeObject,
  isRecipient,
  type RecipientFacts,
  type Viewer,
} from '../../../../src/domain/visibility/visibility';
import { activity, collection, followersOf, group, H, note, person, remotePerson } from '../as-fixtures';

/**
 * The visibility rule as a table (docs/architecture.md §2b): (audience of the activity, relation of the viewer to it)
 * → visible or not, one row per addressing case of docs/protocol.md §6.3 and §6.4. The facts column is what
 * the application looked up about the viewer (follows the actor, lists and groups holding them).
 */
const alice = person('alice');
const bob = person('bob');
const carol = person('carol');
const zed = remotePerson('https://remote.example/api/user/zed');
const service: AsObject = { id: `${H}/`, objectType: 'service' };
const PUBLIC = publicCollectionAddress() as AsObject;
const followers = collection(followersOf('alice'));
const following = collection(`${H}/api/user/alice/following`);
const friends = collection(`${H}/api/collection/friends`);
const crew = group(`${H}/api/group/crew`);

const as = (who: { id: string }): Viewer => ({ id: who.id });
const by = (fields: Partial<Activity>): Activity => activity({ actor: alice, ...fields });
const none: RecipientFacts = {};
const follower: RecipientFacts = { actorFollowersUrl: followers.id, viewerFollowsActor: true };
const notFollower: RecipientFacts = { actorFollowersUrl: followers.id, viewerFollowsActor: false };

type Row = [audience: string, relation: string, Activity, Viewer, RecipientFacts, boolean];

const TABLE: Row[] = [
  // Public: everyone, in any address field, even with no viewer.
  ['to Public', 'anonymous', by({ to: [PUBLIC] }), null, none, true],
  ['cc Public', 'anonymous', by({ cc: [PUBLIC] }), null, none, true],
  ['bto Public', 'anonymous', by({ bto: [PUBLIC] }), null, none, true],
  ['bcc Public', 'anonymous', by({ bcc: [PUBLIC] }), null, none, true],
  ['to Public', 'a local user with no relation', by({ to: [PUBLIC] }), as(bob), none, true],
  ['to Public', 'a remote person', by({ to: [PUBLIC] }), as(zed), none, true],

  // The actor sees all their activities, whatever the audience.
  ['to a person', 'the actor', by({ to: [carol] }), as(alice), none, true],
  ['bcc a person', 'the actor', by({ bcc: [carol] }), as(alice), none, true],
  ['no addresses at all', 'the actor', by({}), as(alice), none, true],
  ['no addresses at all', 'anyone else', by({}), as(bob), none, false],

  // Followers: the actor's followers collection reaches whoever follows the actor.
  ['cc the followers', 'a follower', by({ cc: [followers] }), as(bob), follower, true],
  ['to the followers', 'a follower', by({ to: [followers] }), as(bob), follower, true],
  ['bcc the followers', 'a follower', by({ bcc: [followers] }), as(bob), follower, true],
  ['cc the followers', 'not a follower', by({ cc: [followers] }), as(bob), notFollower, false],
  ['cc the followers', 'anonymous', by({ cc: [followers] }), null, follower, false],
  ['to a person only', 'a follower (followers not addressed)', by({ to: [carol] }), as(bob), follower, false],
  [
    'cc the followers, by a service (not a person)',
    'a follower',
    activity({ actor: service, cc: [collection(`${H}/followers`)] }),
    as(bob),
    { actorFollowersUrl: `${H}/followers`, viewerFollowsActor: true },
    false,
  ],
  [
    'cc the followers',
    'a follower, the actor having no followers url',
    by({ cc: [followers] }),
    as(bob),
    { viewerFollowsActor: true },
    false,
  ],

  // Following: the actor's following collection is no list; being followed by the actor gives nothing.
  ['to the following collection', 'someone the actor follows', by({ to: [following] }), as(bob), none, false],
  ['to the following collection', 'the actor', by({ to: [following] }), as(alice), none, true],

  // Person lists: a local user's list reaches its members.
  [
    'to a person list',
    'a member of the list',
    by({ to: [friends] }),
    as(bob),
    { listsContainingViewer: [friends.id] },
    true,
  ],
  [
    'bcc a person list',
    'a member of the list',
    by({ bcc: [friends] }),
    as(bob),
    { listsContainingViewer: [friends.id] },
    true,
  ],
  ['to a person list', 'not a member', by({ to: [friends] }), as(bob), { listsContainingViewer: [] }, false],
  [
    'to a person list',
    'a member of another list only',
    by({ to: [friends] }),
    as(bob),
    { listsContainingViewer: [`${H}/api/collection/family`] },
    false,
  ],
  [
    'to a person list',
    'anonymous',
    by({ to: [friends] }),
    null,
    { listsContainingViewer: [friends.id] },
    false,
  ],

  // A person: any of the four address fields names them.
  ['to a person', 'that person', by({ to: [carol] }), as(carol), none, true],
  ['cc a person', 'that person', by({ cc: [carol] }), as(carol), none, true],
  ['bto a person', 'that person', by({ bto: [carol] }), as(carol), none, true],
  ['bcc a person', 'that person', by({ bcc: [carol] }), as(carol), none, true],
  ['to a person', 'another person', by({ to: [carol] }), as(bob), none, false],
  [
    'to a remote person',
    'that remote person (2-legged, their server)',
    by({ to: [zed] }),
    as(zed),
    none,
    true,
  ],
  ['to a person', 'anonymous', by({ to: [carol] }), null, none, false],
  [
    "an id that is a person's, addressed as a collection",
    'that person',
    by({ to: [{ id: carol.id, objectType: 'collection' }] }),
    as(carol),
    none,
    false,
  ],

  // Groups: a group address reaches its members.
  ['to a group', 'a member', by({ to: [crew] }), as(bob), { groupsOfViewer: [crew.id] }, true],
  ['cc a group', 'a member', by({ cc: [crew] }), as(bob), { groupsOfViewer: [crew.id] }, true],
  ['to a group', 'not a member', by({ to: [crew] }), as(bob), { groupsOfViewer: [] }, false],
  [
    'to a group',
    'a member of another group',
    by({ to: [crew] }),
    as(bob),
    { groupsOfViewer: [`${H}/api/group/other`] },
    false,
  ],
  ['to a group', 'anonymous', by({ to: [crew] }), null, { groupsOfViewer: [crew.id] }, false],

  // A remote activity posted to local users: `received` lists who it was delivered to.
  [
    'received for a local user',
    'that user',
    activity({ actor: zed, _received: [bob.id] }),
    as(bob),
    none,
    true,
  ],
  [
    'received for a local user',
    'another user',
    activity({ actor: zed, _received: [bob.id] }),
    as(carol),
    none,
    false,
  ],

  // A client acting for nobody (2-legged OAuth) has no viewer: Public only, as anonymous.
  ['cc the followers', 'a 2-legged client (no user)', by({ cc: [followers] }), null, none, false],
  ['to Public', 'a 2-legged client (no user)', by({ to: [PUBLIC] }), null, none, true],
];

describe('who may see an activity: the table of docs/protocol.md §6.3', () => {
  it.each(TABLE)('%s, viewer %s', (_audience, _relation, addressed, viewer, facts, expected) => {
    expect(isRecipient(addressed, viewer, facts)).toBe(expected);
  });
});

describe('who may see an object: the author, else the rule of its creation (§6.3, object GET)', () => {
  const aliceNote = note(`${H}/api/note/n1`, { author: alice });
  it.each([
    ['the author, never posted', null, as(alice), true],
    ['anyone else, never posted', null, as(bob), false],
    ['anonymous, never posted', null, null, false],
    ['a recipient of the creation', by({ object: aliceNote, to: [bob] }), as(bob), true],
    ['not a recipient of the creation', by({ object: aliceNote, to: [bob] }), as(carol), false],
    ['anonymous, public creation', by({ object: aliceNote, to: [PUBLIC] }), null, true],
  ] as const)('%s → %s', (_row, creation, viewer, expected) => {
    expect(canSeeObject(aliceNote, creation, viewer)).toBe(expected);
  });
});

describe('what of an activity a viewer sees: blind copies stay blind (§6.4)', () => {
  const blind = by({ to: [carol], bto: [bob], bcc: [zed] });
  it.each([
    ['the actor', true, as(alice)],
    ['a person in to', false, as(carol)],
    ['the person in bto', false, as(bob)],
    ['the person in bcc', false, as(zed)],
    ['anonymous', false, null],
  ] as const)('%s sees bto and bcc: %s', (_relation, expected, viewer) => {
    const seen = activitySeenBy(blind, viewer);
    expect(seen.bto !== undefined && seen.bcc !== undefined).toBe(expected);
    expect(seen.to).toEqual([carol]);
    expect(blind.bto).toEqual([bob]);
  });
});

describe('what of a remote activity a viewer sees: whom it was received for is bookkeeping', () => {
  const received = activity({ actor: zed, to: [bob], bcc: [carol], _received: [bob.id, carol.id] });
  it.each([
    ['the actor', as(zed), true],
    ['a person in to', as(bob), false],
    ['the person in bcc', as(carol), false],
    ['anonymous', null, false],
  ] as const)('%s sees bto and bcc: %s, `received` never', (_relation, viewer, blindShown) => {
    const seen = activitySeenBy(received, viewer);
    expect(seen._received).toBeUndefined();
    expect(seen.bcc !== undefined).toBe(blindShown);
    expect(seen.to).toEqual([bob]);
    expect(received._received).toEqual([bob.id, carol.id]);
  });

  it('is the activity itself when there is nothing to hide', () => {
    const open = by({ to: [PUBLIC] });
    expect(activitySeenBy(open, as(bob))).toBe(open);
  });
});
