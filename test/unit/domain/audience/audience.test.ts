import {
  addressesIn,
  addressTypeOf,
  allAddresses,
  audienceOf,
  hasAddresses,
  isAddressed,
  isAddressedToPublic,
  isDirectlyAddressed,
  normaliseAudience,
  withAudience,
} from '../../../../src/domain/audience/audience';
import {
  PUBLIC_COLLECTION_ID,
  publicCollectionAddress,
} from '../../../../src/domain/activity-streams/well-known-ids';
import { activity, collection, followersOf, person } from '../as-fixtures';

const bob = person('bob');
const carol = person('carol');
const dave = person('dave');
const erin = person('erin');

describe('the audience of an activity', () => {
  const addressed = activity({
    to: [bob],
    cc: [collection(followersOf('alice'))],
    bto: [carol],
    bcc: [dave],
  });

  it('reads to, cc, bto and bcc in that order', () => {
    expect(allAddresses(addressed).map((address) => address.id)).toEqual([
      bob.id,
      followersOf('alice'),
      carol.id,
      dave.id,
    ]);
  });

  it('skips entries that are not addresses instead of failing', () => {
    const messy = { to: [bob, null, 'acct:x@y', { objectType: 'person' }], cc: 'nope' };
    expect(addressesIn(messy, 'to')).toEqual([bob]);
    expect(addressesIn(messy, 'cc')).toEqual([]);
  });

  it('counts empty or missing fields as no addressing', () => {
    expect(hasAddresses({})).toBe(false);
    expect(hasAddresses({ to: [], cc: [], bto: [], bcc: [] })).toBe(false);
    expect(hasAddresses({ bcc: [bob] })).toBe(true);
  });

  it('copies only the fields that are present', () => {
    const audience = audienceOf({ to: [bob], bcc: [] });
    expect(audience).toEqual({ to: [bob], bcc: [] });
    expect(audience).not.toHaveProperty('cc');
  });

  it('counts to and bto, not cc or bcc, as direct', () => {
    expect(isDirectlyAddressed(addressed, bob.id)).toBe(true);
    expect(isDirectlyAddressed(addressed, carol.id)).toBe(true);
    expect(isDirectlyAddressed(addressed, dave.id)).toBe(false);
    expect(isDirectlyAddressed({ cc: [erin] }, erin.id)).toBe(false);
  });

  it('finds an id in any field', () => {
    expect(isAddressed(addressed, dave.id)).toBe(true);
    expect(isAddressed(addressed, erin.id)).toBe(false);
  });

  it('recognises the Public collection in any field, by id', () => {
    expect(isAddressedToPublic({ bcc: [publicCollectionAddress()] })).toBe(true);
    expect(isAddressedToPublic({ to: [{ id: PUBLIC_COLLECTION_ID, objectType: 'person' }] })).toBe(true);
    expect(isAddressedToPublic({ to: [collection('https://activityschema.org/collection/public')] })).toBe(
      false,
    );
    expect(isAddressedToPublic(addressed)).toBe(false);
  });

  it('reads an address without objectType as a person', () => {
    expect(addressTypeOf({})).toBe('person');
    expect(addressTypeOf({ objectType: 'group' })).toBe('group');
    expect(
      normaliseAudience({ to: [{ id: 'acct:bob@x.org' }], cc: [{ id: 'g', objectType: 'group', x: 1 }] }),
    ).toEqual({
      to: [{ id: 'acct:bob@x.org', objectType: 'person' }],
      cc: [{ id: 'g', objectType: 'group', x: 1 }],
    });
  });

  it('replaces the whole audience without touching the original activity', () => {
    const original = activity({ to: [bob], bcc: [dave] });
    const replaced = withAudience(original, { cc: [carol] });
    expect(replaced).toMatchObject({ id: original.id, cc: [carol] });
    expect(replaced).not.toHaveProperty('to');
    expect(replaced).not.toHaveProperty('bcc');
    expect(original.to).toEqual([bob]);
    expect(original.bcc).toEqual([dave]);
  });
});
