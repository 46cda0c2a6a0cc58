import { EmbeddedObjects } from '../../../../src/application/reading/embedded-objects';
import { RecipientCheck } from '../../../../src/application/reading/recipient-check';
import { viewActivity } from '../../../../src/application/reading/viewer-scope';
import type { Viewer } from '../../../../src/domain/visibility/visibility';
import { PostingWorld, PUBLIC, site } from '../activities/posting-world';

let world: PostingWorld;
let privateNote: string;
let publicNote: string;

beforeEach(async () => {
  world = new PostingWorld();
  await world.register('alice', 'bob', 'carol');
  privateNote = (await world.note('alice', 'for carol', { to: [world.ref('carol')] })).object!.id;
  publicNote = (await world.note('alice', 'for all', { to: [PUBLIC] })).object!.id;
});

const filterFor = (viewer: Viewer) =>
  new EmbeddedObjects(world.storage.objects, new RecipientCheck(world.storage, site, viewer));

describe('EmbeddedObjects: the one filter of every embedded reference', () => {
  it('answers what the viewer may see as stored, anything else as its stub, remembered as withheld', async () => {
    const bobs = filterFor({ id: site.personId('bob') });
    const found = await bobs.findManyByIds([privateNote, publicNote, site.personId('alice'), 'urn:nothing']);
    expect(found.get(privateNote)).toEqual({ id: privateNote, objectType: 'note' });
    expect(found.get(publicNote)).toMatchObject({ content: 'for all' });
    expect(found.get(site.personId('alice'))).toMatchObject({ preferredUsername: 'alice' });
    expect(found.has('urn:nothing')).toBe(false);
    expect(bobs.isWithheld(privateNote)).toBe(true);
    expect(bobs.isWithheld(publicNote)).toBe(false);
  });

  it('follows the recipient check: the recipient and the author see it, no user does not', async () => {
    for (const [viewer, visible] of [
      [{ id: site.personId('carol') }, true],
      [{ id: site.personId('alice') }, true],
      [null, false],
    ] as const) {
      const found = await filterFor(viewer).findManyByIds([privateNote]);
      expect(found.get(privateNote)?.content).toBe(visible ? 'for carol' : undefined);
    }
  });
});

describe('RecipientCheck.primeCreations', () => {
  it('never judges a blind recipient by a creation trimmed for them: the bcc recipient still sees the note', async () => {
    const noteId = (await world.note('alice', 'for bob, blind', { bcc: [world.ref('bob')] })).object!.id;
    const stored = await world.storage.activities.findCreation(noteId);
    const note = await world.storage.objects.findById(noteId);
    const bob: Viewer = { id: site.personId('bob') };
    const check = new RecipientCheck(world.storage, site, bob);
    // As a stream page hands it over: trimmed for bob, so without its bcc.
    check.primeCreations([viewActivity(stored!, bob)]);
    expect(await check.canSeeObject(note!)).toBe(true);
  });
});
