import {
  classifyAddress,
  followersUrlOf,
  isListAuthoredBy,
} from '../../../../src/domain/audience/address-classification';
import {
  PUBLIC_COLLECTION_ID,
  publicCollectionAddress,
} from '../../../../src/domain/activity-streams/well-known-ids';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { collection, followersOf, group, H, person, remotePerson } from '../as-fixtures';

describe('classifying addresses', () => {
  const followers = followersOf('alice');

  it.each([
    ['the Public collection', publicCollectionAddress(), 'public'],
    ['Public sent without objectType', { id: PUBLIC_COLLECTION_ID, objectType: 'person' }, 'public'],
    ["the actor's followers", collection(followers), 'followers'],
    ['another collection', collection(`${H}/api/collection/c1`), 'collection'],
    ["someone else's followers", collection(followersOf('bob')), 'collection'],
    ['a person', person('bob'), 'person'],
    ['a group', group(`${H}/api/group/g1`), 'group'],
    ['a note', { id: `${H}/api/note/n1`, objectType: 'note' }, 'other'],
  ])('classifies %s', (_what, address, kind) => {
    expect(classifyAddress(address, followers)).toBe(kind);
  });

  it('has no followers kind when the actor has no followers collection', () => {
    expect(classifyAddress(collection(followers), null)).toBe('collection');
  });

  it('recognises a list by its author', () => {
    const list = collection(`${H}/api/collection/c1`, { author: person('alice') });
    expect(isListAuthoredBy(list, person('alice').id)).toBe(true);
    expect(isListAuthoredBy(list, person('bob').id)).toBe(false);
    expect(isListAuthoredBy(collection(`${H}/api/collection/c2`), person('alice').id)).toBe(false);
    expect(isListAuthoredBy({ ...list, objectType: 'group' }, person('alice').id)).toBe(false);
  });
});

describe('the followers URL of an actor', () => {
  const site = SiteUrls.fromBaseUrl(H);

  it('is the local followers feed for a local person, whatever the object says', () => {
    expect(followersUrlOf(person('alice', { followers: { url: 'http://evil.example/f' } }), site)).toBe(
      followersOf('alice'),
    );
  });

  it("is the remote person's own followers URL", () => {
    const remote = {
      ...remotePerson('acct:zed@remote.example'),
      followers: { url: 'https://remote.example/f' },
    };
    expect(followersUrlOf(remote, site)).toBe('https://remote.example/f');
  });

  it('is null when the actor has none or a malformed one', () => {
    expect(followersUrlOf(remotePerson('acct:zed@remote.example'), site)).toBeNull();
    expect(
      followersUrlOf({ ...remotePerson('acct:zed@remote.example'), followers: { url: 3 } }, site),
    ).toBeNull();
    expect(followersUrlOf({ id: `${H}/`, objectType: 'service' }, site)).toBeNull();
  });
});
