import { activityPubActorOfAccount } from '../../../../src/domain/activitypub/account-actor-link';

const ACCT = 'acct:max@social.example';
const ACTOR = 'https://social.example/users/max';
const AP_SELF = { rel: 'self', type: 'application/activity+json', href: ACTOR };
const PROFILE = {
  rel: 'http://webfinger.net/rel/profile-page',
  type: 'text/html',
  href: 'https://social.example/@max',
};

describe('the ActivityPub actor an acct: account names (WebFinger links)', () => {
  it.each([
    ['an activity+json self link', [PROFILE, AP_SELF], ACTOR],
    [
      'an ld+json self link with the ActivityStreams profile',
      [{ ...AP_SELF, type: 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"' }],
      ACTOR,
    ],
    ['an ld+json self link without the profile', [{ ...AP_SELF, type: 'application/ld+json' }], null],
    ['a pump.io self link (application/json)', [{ ...AP_SELF, type: 'application/json' }], null],
    [
      'pump.io links next to an ActivityPub self link (a pump.io person)',
      [AP_SELF, { rel: 'activity-inbox', href: 'https://social.example/api/user/max/inbox' }],
      null,
    ],
    ['a self link on another host', [{ ...AP_SELF, href: 'https://elsewhere.example/users/max' }], null],
    ['a self link that is not http(s)', [{ ...AP_SELF, href: 'ftp://social.example/users/max' }], null],
    ['no self link', [PROFILE], null],
  ])('%s', (_name, links, expected) => {
    expect(activityPubActorOfAccount(ACCT, links)).toBe(expected);
  });

  it('takes only acct: accounts', () => {
    expect(activityPubActorOfAccount(ACTOR, [AP_SELF])).toBeNull();
  });
});
