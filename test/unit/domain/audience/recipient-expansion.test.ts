import { expandRecipients } from '../../../../src/domain/audience/recipient-expansion';
import { publicCollectionAddress } from '../../../../src/domain/activity-streams/well-known-ids';
import { collection, followersOf, group, H, note, person } from '../as-fixtures';

describe('expanding an audience into what must be resolved', () => {
  const followers = followersOf('alice');

  it("turns Public into the actor's followers", () => {
    expect(expandRecipients({ cc: [publicCollectionAddress()] }, followers)).toEqual({
      actorFollowers: true,
      collections: [],
      persons: [],
      groups: [],
    });
  });

  it("turns the actor's own followers collection into the actor's followers", () => {
    expect(expandRecipients({ bcc: [collection(followers)] }, followers).actorFollowers).toBe(true);
  });

  it('leaves other collections to be checked as lists, and keeps persons and groups', () => {
    const list = collection(`${H}/api/collection/c1`);
    const expansion = expandRecipients(
      {
        to: [person('bob'), list],
        cc: [group(`${H}/api/group/g1`), note()],
        bto: [collection(followersOf('bob'))],
      },
      followers,
    );
    expect(expansion.actorFollowers).toBe(false);
    expect(expansion.collections.map((c) => c.id)).toEqual([list.id, followersOf('bob')]);
    expect(expansion.persons).toEqual([person('bob')]);
    expect(expansion.groups).toEqual([group(`${H}/api/group/g1`)]);
  });

  it('counts an address once across all fields', () => {
    const expansion = expandRecipients(
      { to: [person('bob')], cc: [person('bob')], bto: [group('g')], bcc: [person('bob'), group('g')] },
      followers,
    );
    expect(expansion.persons).toHaveLength(1);
    expect(expansion.groups).toHaveLength(1);
  });

  it('expands nothing for an unaddressed activity', () => {
    expect(expandRecipients({}, null)).toEqual({
      actorFollowers: false,
      collections: [],
      persons: [],
      groups: [],
    });
  });
});
