import { publicCollectionAddress } from '../../../../src/domain/activity-streams/well-known-ids';
import {
  type DistributionInput,
  planDistribution,
} from '../../../../src/domain/distribution/distribution-planner';
import { activity, collection, followersOf, group, H, note, person, remotePerson } from '../as-fixtures';

const alice = person('alice');
const bob = person('bob');
const carol = person('carol');
const local = (nickname: string) => ({ nickname, personId: person(nickname).id });
const zed = remotePerson('acct:zed@remote.example');
const yan = remotePerson('https://other.example/api/user/yan/profile');
const remoteGroup = group('acct:club@remote.example');

const plan = (fields: Partial<DistributionInput>) =>
  planDistribution({
    activity: activity({ cc: [collection(followersOf('alice'))] }),
    actorNickname: 'alice',
    localUsers: [],
    localGroups: [],
    remoteRecipients: [],
    ...fields,
  });

const streamsOf = (result: ReturnType<typeof plan>, nickname: string) =>
  result.inboxes.find((inbox) => inbox.nickname === nickname)?.streams;

describe('the distribution planner', () => {
  it("puts a major activity in the actor's outbox and own inbox, not direct when the actor is not in to/bto", () => {
    const result = plan({});
    expect(result.major).toBe(true);
    expect(result.outbox).toEqual(['user:alice:outbox', 'user:alice:outbox:major']);
    expect(result.inboxes).toEqual([
      { nickname: 'alice', direct: false, streams: ['user:alice:inbox', 'user:alice:inbox:major'] },
    ]);
  });

  it('uses the minor streams for a minor activity', () => {
    const result = plan({ activity: activity({ verb: 'follow', object: bob, to: [bob] }) });
    expect(result.major).toBe(false);
    expect(result.outbox).toEqual(['user:alice:outbox', 'user:alice:outbox:minor']);
    expect(streamsOf(result, 'alice')).toEqual(['user:alice:inbox', 'user:alice:inbox:minor']);
  });

  it('gives the actor the direct streams when the actor is in to or bto', () => {
    const toSelf = plan({ activity: activity({ to: [alice] }) });
    expect(toSelf.inboxes[0]).toMatchObject({ nickname: 'alice', direct: true });
    expect(streamsOf(toSelf, 'alice')).toContain('user:alice:inbox:direct:major');
    const btoSelf = plan({ activity: activity({ bto: [alice] }) });
    expect(btoSelf.inboxes[0].direct).toBe(true);
    const ccSelf = plan({ activity: activity({ cc: [alice] }) });
    expect(ccSelf.inboxes[0].direct).toBe(false);
  });

  it('plans no outbox and no own inbox for an actor who is not a local user', () => {
    const result = plan({
      actorNickname: null,
      activity: activity({ actor: zed, to: [bob] }),
      localUsers: [local('bob')],
    });
    expect(result.outbox).toEqual([]);
    expect(result.inboxes.map((inbox) => inbox.nickname)).toEqual(['bob']);
  });

  it('makes an activity direct for exactly the local users in to or bto', () => {
    const result = plan({
      activity: activity({ to: [bob], cc: [carol], bto: [person('dave')], bcc: [person('erin')] }),
      localUsers: ['bob', 'carol', 'dave', 'erin', 'frank'].map(local),
    });
    const direct = Object.fromEntries(result.inboxes.map((inbox) => [inbox.nickname, inbox.direct]));
    expect(direct).toEqual({ alice: false, bob: true, carol: false, dave: true, erin: false, frank: false });
    expect(streamsOf(result, 'bob')).toEqual([
      'user:bob:inbox',
      'user:bob:inbox:major',
      'user:bob:inbox:direct',
      'user:bob:inbox:direct:major',
    ]);
    expect(streamsOf(result, 'frank')).toEqual(['user:frank:inbox', 'user:frank:inbox:major']);
  });

  it('serves each user once, however many ways they were reached, the actor first', () => {
    const result = plan({
      activity: activity({ to: [bob], cc: [collection(followersOf('alice'))] }),
      localUsers: [local('carol'), local('bob'), local('alice'), local('carol'), local('bob')],
    });
    expect(result.inboxes.map((inbox) => inbox.nickname)).toEqual(['alice', 'carol', 'bob']);
    expect(result.inboxes.find((inbox) => inbox.nickname === 'bob')?.direct).toBe(true);
  });

  it('adds the inbox of each local group once', () => {
    const result = plan({
      localGroups: [
        { id: `${H}/api/group/g1`, uuid: 'g1' },
        { id: `${H}/api/group/g1`, uuid: 'g1' },
      ],
    });
    expect(result.groupInboxes).toEqual(['group:g1:inbox']);
    expect(result.localStreams).toContain('group:g1:inbox');
  });

  it('lists every local stream once, for a single idempotent append', () => {
    const result = plan({ localUsers: [local('bob')], localGroups: [{ id: 'g', uuid: 'g1' }] });
    expect(result.localStreams).toEqual([
      'user:alice:outbox',
      'user:alice:outbox:major',
      'user:alice:inbox',
      'user:alice:inbox:major',
      'user:bob:inbox',
      'user:bob:inbox:major',
      'group:g1:inbox',
    ]);
  });

  describe('the remote side', () => {
    it('splits remote recipients into persons and groups, each once, ignoring other types', () => {
      const result = plan({
        remoteRecipients: [zed, remoteGroup, yan, zed, note('http://other.example/n'), remoteGroup],
      });
      expect(result.remotePersons).toEqual([zed, yan]);
      expect(result.remoteGroups).toEqual([remoteGroup]);
    });

    it('reads a remote address without objectType as a person', () => {
      const bare = { id: 'acct:quinn@remote.example' } as unknown as typeof zed;
      expect(plan({ remoteRecipients: [bare] }).remotePersons).toEqual([bare]);
    });

    it('never sends back to the actor, nor to anyone reached locally, nor to Public', () => {
      const result = plan({
        activity: activity({ actor: zed, to: [bob] }),
        actorNickname: null,
        localUsers: [local('bob')],
        localGroups: [{ id: `${H}/api/group/g1`, uuid: 'g1' }],
        remoteRecipients: [
          zed,
          bob,
          group(`${H}/api/group/g1`),
          { ...publicCollectionAddress(), objectType: 'person' },
          yan,
        ],
      });
      expect(result.remotePersons).toEqual([yan]);
      expect(result.remoteGroups).toEqual([]);
    });
  });
});
