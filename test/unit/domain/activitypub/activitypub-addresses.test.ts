import { nicknameOfActorId } from '../../../../src/domain/activitypub/actor-addresses';
import { outboundAs2 } from '../../../../src/domain/activitypub/outbound-as2';
import { ACTIVITYPUB_MARK, protocolOfPerson } from '../../../../src/domain/activitypub/protocol-of-person';
import { as2ActorAddresses, as2ActorToAs1 } from '../../../../src/domain/as2/as2-actor';
import { SiteUrls } from '../../../../src/domain/site/site-urls';

const site = SiteUrls.fromBaseUrl('https://house.example');
const ZOE = 'https://remote.example/users/zoe';

describe('as2ActorAddresses: only the actor origin says where it receives', () => {
  const actor = (overrides: object = {}) => ({
    id: ZOE,
    type: 'Person',
    inbox: `${ZOE}/inbox`,
    followers: `${ZOE}/followers`,
    endpoints: { sharedInbox: 'https://remote.example/inbox' },
    ...overrides,
  });

  it('takes the inbox, shared inbox and followers on the actor origin', () => {
    expect(as2ActorAddresses(actor())).toEqual({
      id: ZOE,
      inbox: `${ZOE}/inbox`,
      sharedInbox: 'https://remote.example/inbox',
      followers: `${ZOE}/followers`,
    });
  });

  it.each([
    ['an inbox elsewhere', { inbox: 'https://evil.example/inbox' }],
    ['no inbox', { inbox: undefined }],
    ['a type that is no actor', { type: 'Note' }],
    ['an id that is no URL', { id: 'acct:zoe@remote.example' }],
  ])('is null for %s', (_name, overrides) => {
    expect(as2ActorAddresses(actor(overrides))).toBeNull();
  });

  it('drops a shared inbox or followers collection on another origin', () => {
    const addresses = as2ActorAddresses(
      actor({
        endpoints: { sharedInbox: 'https://evil.example/inbox' },
        followers: 'https://evil.example/f',
      }),
    );
    expect(addresses).toEqual({ id: ZOE, inbox: `${ZOE}/inbox` });
  });

  it("stores the actor as a person whose inbox the delivery planner reads as pump.io's", () => {
    const addresses = as2ActorAddresses(actor());
    expect(addresses).not.toBeNull();
    expect(as2ActorToAs1({ ...actor(), name: 'Zoë' }, addresses!)).toMatchObject({
      id: ZOE,
      objectType: 'person',
      displayName: 'Zoë',
      links: { 'activity-inbox': { href: `${ZOE}/inbox` } },
      endpoints: { sharedInbox: 'https://remote.example/inbox' },
    });
  });
});

describe('local actor ids and the protocol of a person', () => {
  it('reads a nickname from H/<nick> only', () => {
    expect(nicknameOfActorId(site, 'https://house.example/alice')).toBe('alice');
    expect(nicknameOfActorId(site, 'https://house.example/api/note/x')).toBeNull();
    expect(nicknameOfActorId(site, 'https://other.example/alice')).toBeNull();
  });

  it('is ActivityPub only for a stored person this server marked', () => {
    expect(protocolOfPerson(null)).toBe('pumpio');
    expect(protocolOfPerson({ id: ZOE, activitypub: true })).toBe('pumpio');
    expect(protocolOfPerson({ id: ZOE, [ACTIVITYPUB_MARK]: true })).toBe('activitypub');
  });
});

describe('outboundAs2', () => {
  it("names the actor by id, keeps a remote object's own id and names followers as the actor does", () => {
    const document = outboundAs2(
      {
        id: 'https://house.example/api/activity/1',
        verb: 'share',
        actor: { id: 'acct:alice@house.example', objectType: 'person' },
        object: {
          id: 'https://remote.example/notes/1',
          objectType: 'note',
          links: {
            self: { href: 'https://house.example/api/note?id=https%3A%2F%2Fremote.example%2Fnotes%2F1' },
          },
        },
        cc: [{ id: 'https://house.example/api/user/alice/followers', objectType: 'collection' }],
      },
      site,
    );
    expect(document).toMatchObject({
      type: 'Announce',
      actor: 'https://house.example/alice',
      object: { id: 'https://remote.example/notes/1' },
      cc: ['https://house.example/api/activitypub/user/alice/followers'],
    });
  });
});
