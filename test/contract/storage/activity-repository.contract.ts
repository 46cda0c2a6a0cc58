import { aNote, anActivity, aRichNote } from './storage-fixtures';
import { type OpenTestStore, useTestStore } from './test-store';

const NOTE = aNote('https://example.test/api/note/1');
const OTHER_NOTE = aNote('https://example.test/api/note/2');
const activityId = (n: number) => `https://example.test/api/activity/${n}`;

/** The contract of ActivityRepository (activity-repository.port.ts), for any adapter. */
export function describeActivityRepositoryContract(open: OpenTestStore): void {
  describe('ActivityRepository', () => {
    const store = useTestStore(open);
    const activities = () => store().storage.activities;

    it('reads an activity back deeply equal, with its embedded objects and unknown properties', async () => {
      const activity = anActivity(activityId(1), 'post', aRichNote('https://example.test/api/note/rich'), {
        _received: ['alice', 'bob'],
        'x-extension': { nested: [{ deep: true }] },
      });
      await activities().save(activity);
      expect(await activities().findById(activity.id)).toStrictEqual(activity);
    });

    it('answers null for an unknown id', async () => {
      expect(await activities().findById(activityId(404))).toBeNull();
    });

    it('upserts: saving again replaces the whole activity (a tombstone, say)', async () => {
      await activities().save(anActivity(activityId(1), 'post', NOTE, { content: 'alice posted' }));
      const tombstone = anActivity(activityId(1), 'post', NOTE, { deleted: '2026-02-01T00:00:00.000Z' });
      await activities().save(tombstone);
      expect(await activities().findById(activityId(1))).toStrictEqual(tombstone);
    });

    it('finds many by id: only those it has, each once', async () => {
      const first = anActivity(activityId(1), 'post', NOTE);
      const second = anActivity(activityId(2), 'like', NOTE);
      await activities().save(first);
      await activities().save(second);
      const found = await activities().findManyByIds([
        activityId(2),
        activityId(3),
        activityId(1),
        activityId(2),
      ]);
      expect([...found.keys()].sort()).toEqual([activityId(1), activityId(2)]);
      expect(found.get(activityId(1))).toStrictEqual(first);
      expect(found.get(activityId(2))).toStrictEqual(second);
    });

    it('finds the creation of an object: the post of it, not later activities about it', async () => {
      const post = anActivity(activityId(1), 'post', NOTE);
      await activities().save(post);
      await activities().save(anActivity(activityId(2), 'update', NOTE));
      await activities().save(anActivity(activityId(3), 'share', NOTE));
      await activities().save(anActivity(activityId(4), 'post', OTHER_NOTE));
      expect(await activities().findCreation(NOTE.id)).toStrictEqual(post);
    });

    it('treats a create like a post', async () => {
      const create = anActivity(activityId(1), 'create', NOTE);
      await activities().save(anActivity(activityId(0), 'favorite', NOTE));
      await activities().save(create);
      expect(await activities().findCreation(NOTE.id)).toStrictEqual(create);
    });

    it('finds the earliest saved creation when there are several', async () => {
      const first = anActivity(activityId(7), 'post', NOTE, { content: 'first' });
      await activities().save(first);
      await activities().save(anActivity(activityId(3), 'create', NOTE, { content: 'second' }));
      await activities().save(anActivity(activityId(9), 'post', NOTE, { content: 'third' }));
      expect(await activities().findCreation(NOTE.id)).toStrictEqual(first);
    });

    it('finds the creations of many objects in one call, as findCreation of each', async () => {
      const first = anActivity(activityId(7), 'post', NOTE, { content: 'first' });
      await activities().save(first);
      await activities().save(anActivity(activityId(3), 'create', NOTE, { content: 'second' }));
      const other = anActivity(activityId(4), 'create', OTHER_NOTE);
      await activities().save(anActivity(activityId(5), 'like', OTHER_NOTE));
      await activities().save(other);
      const unknown = 'https://example.test/api/note/unknown';
      const found = await activities().findCreations([NOTE.id, unknown, OTHER_NOTE.id, NOTE.id]);
      expect([...found.keys()].sort()).toEqual([NOTE.id, OTHER_NOTE.id].sort());
      expect(found.get(NOTE.id)).toStrictEqual(first);
      expect(found.get(OTHER_NOTE.id)).toStrictEqual(other);
      expect((await activities().findCreations([])).size).toBe(0);
    });

    it('answers null when nothing created the object', async () => {
      await activities().save(anActivity(activityId(1), 'like', NOTE));
      expect(await activities().findCreation(NOTE.id)).toBeNull();
      expect(await activities().findCreation('https://example.test/api/note/unknown')).toBeNull();
    });

    it('finds a creation by what the activity holds now, after it was saved again with another verb', async () => {
      await activities().save(anActivity(activityId(1), 'post', NOTE));
      await activities().save(anActivity(activityId(1), 'update', NOTE));
      expect(await activities().findCreation(NOTE.id)).toBeNull();
    });

    it('keeps its own copy: changing an activity after save or after reading does not change the store', async () => {
      const activity = anActivity(activityId(1), 'post', aNote('https://example.test/api/note/1'));
      await activities().save(activity);
      (activity.object as { content?: string }).content = 'changed by caller';
      const read = await activities().findCreation(NOTE.id);
      read?.to?.push({ id: 'acct:mallory@example.test', objectType: 'person' });
      expect(await activities().findById(activityId(1))).toStrictEqual(
        anActivity(activityId(1), 'post', aNote('https://example.test/api/note/1')),
      );
    });
  });
}
