import type { LocalInbox } from '../../../../src/application/activities/post-activity.use-case';
import type { RemoteSender } from '../../../../src/domain/federation/provenance';
import { PostingWorld, PUBLIC } from './posting-world';

/**
 * What a Pumphouse node delivers when one of its users deletes their account (DeleteUser): by delivery time the
 * person is a tombstone, so every delete comes with a tombstone actor, the note's delete first and the person's
 * last.
 */
const DORA = 'acct:dora@remote.example';
const sender: RemoteSender = { kind: 'webfinger', webfinger: 'dora@remote.example' };
const toBob: LocalInbox = { kind: 'user', nickname: 'bob' };
const live = { id: DORA, objectType: 'person', displayName: 'Dora', updated: '2026-01-01T00:00:00Z' };
const tombstone = {
  id: DORA,
  objectType: 'person',
  published: '2026-01-01T00:00:00Z',
  updated: '2026-02-01T00:00:00Z',
  deleted: '2026-02-01T00:00:00Z',
};
const NOTE = 'https://remote.example/api/note/1';

describe('a remote account deletion arriving at a local follower', () => {
  it("tombstones the note, then the person, although every delete's actor is already a tombstone", async () => {
    const world = new PostingWorld();
    await world.register('bob');
    await world.receive(sender, toBob, {
      id: 'https://remote.example/api/activity/1',
      verb: 'post',
      actor: live,
      to: [PUBLIC],
      object: { id: NOTE, objectType: 'note', content: 'soon gone' },
    });
    await world.receive(sender, toBob, {
      id: 'https://remote.example/api/activity/2',
      verb: 'delete',
      actor: tombstone,
      to: [PUBLIC],
      object: { id: NOTE, objectType: 'note', deleted: '2026-02-01T00:00:00Z' },
    });
    // A copy that says it is deleted replaces nothing: only the delete of the person deletes the person.
    expect((await world.storage.objects.findById(DORA))?.deleted).toBeUndefined();
    await world.receive(sender, toBob, {
      id: 'https://remote.example/api/activity/3',
      verb: 'delete',
      actor: tombstone,
      to: [PUBLIC],
      object: tombstone,
    });
    expect((await world.storage.objects.findById(NOTE))?.deleted).toBeDefined();
    expect((await world.storage.objects.findById(DORA))?.deleted).toBeDefined();
  });
});
