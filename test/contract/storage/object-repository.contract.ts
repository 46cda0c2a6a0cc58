import { aNote, aRichNote } from './storage-fixtures';
import { type OpenTestStore, useTestStore } from './test-store';

/** The contract of ObjectRepository (object-repository.port.ts), for any adapter. */
export function describeObjectRepositoryContract(open: OpenTestStore): void {
  describe('ObjectRepository', () => {
    const store = useTestStore(open);
    const objects = () => store().storage.objects;

    it('reads a document back deeply equal, unknown nested properties and unicode included', async () => {
      const note = aRichNote('https://example.test/api/note/rich');
      await objects().save(note);
      expect(await objects().findById(note.id)).toStrictEqual(note);
    });

    it('reads back ordinary objects and arrays, as the caller would have built them', async () => {
      await objects().save(aRichNote('https://example.test/api/note/rich'));
      const read = await objects().findById('https://example.test/api/note/rich');
      expect(read).toBeInstanceOf(Object);
      expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
      expect(read?.upstreamDuplicates).toBeInstanceOf(Array);
    });

    it('keeps property names that document databases treat specially', async () => {
      const note = aNote('https://example.test/api/note/keys', {
        'dotted.name': 'a dot',
        $dollar: 'a dollar',
        nested: { 'a.b': { $c: 1 }, '': 'empty name' },
      });
      await objects().save(note);
      expect(await objects().findById(note.id)).toStrictEqual(note);
    });

    it('answers null for an unknown id', async () => {
      expect(await objects().findById('https://example.test/api/note/missing')).toBeNull();
    });

    it('upserts: a second save replaces the whole document, dropping what it leaves out', async () => {
      const id = 'https://example.test/api/note/1';
      await objects().save(aNote(id, { summary: 'first', 'x-extra': { kept: false } }));
      const replacement = aNote(id, { content: 'second' });
      await objects().save(replacement);
      expect(await objects().findById(id)).toStrictEqual(replacement);
    });

    it('keeps a deleted object as its tombstone', async () => {
      const id = 'https://example.test/api/note/1';
      await objects().save(aNote(id));
      const tombstone = { id, objectType: 'note', deleted: '2026-03-01T00:00:00.000Z' };
      await objects().save(tombstone);
      expect(await objects().findById(id)).toStrictEqual(tombstone);
    });

    it('finds many by id: only those it has, each once, keyed by id', async () => {
      const first = aNote('https://example.test/api/note/1');
      const second = aRichNote('https://example.test/api/note/2');
      await objects().save(first);
      await objects().save(second);
      const found = await objects().findManyByIds([
        second.id,
        'https://example.test/missing',
        first.id,
        second.id,
      ]);
      expect([...found.keys()].sort()).toEqual([first.id, second.id].sort());
      expect(found.get(first.id)).toStrictEqual(first);
      expect(found.get(second.id)).toStrictEqual(second);
    });

    it('finds 1,500 ids in one call, each keyed by its own id, whatever the order and the missing ones', async () => {
      const stored = Array.from({ length: 1500 }, (_, n) =>
        n % 3 === 0 ? `https://example.test/Note/${n}` : `https://example.test/note/${n}?é=${n}`,
      );
      await store().storage.run(async (tx) => {
        for (const id of stored) await tx.objects.save(aNote(id, { content: id }));
      });
      const asked = [...stored].reverse().flatMap((id, n) => (n % 7 === 0 ? [`${id}/missing`, id] : [id]));
      const found = await objects().findManyByIds(asked);
      expect(found.size).toBe(stored.length);
      for (const id of stored) expect(found.get(id)?.content).toBe(id);
    });

    it('finds many of nothing as an empty map', async () => {
      expect((await objects().findManyByIds([])).size).toBe(0);
      expect((await objects().findManyByIds(['https://example.test/missing'])).size).toBe(0);
    });

    it('keeps ids distinct however alike they look', async () => {
      const ids = [
        'https://example.test/a',
        'https://example.test/A',
        'https://example.test/a/',
        'tag:a,2026:é',
      ];
      for (const id of ids) await objects().save(aNote(id, { content: id }));
      for (const id of ids) expect((await objects().findById(id))?.content).toBe(id);
    });

    it('keeps its own copy: changing a document after save or after reading does not change the store', async () => {
      const note = aNote('https://example.test/api/note/1', { tags: [{ name: 'one' }] });
      await objects().save(note);
      (note.tags as Array<{ name: string }>)[0].name = 'changed by caller';
      const read = await objects().findById(note.id);
      (read?.tags as Array<{ name: string }>).push({ name: 'pushed by reader' });
      expect((await objects().findById(note.id))?.tags).toEqual([{ name: 'one' }]);
    });
  });
}
