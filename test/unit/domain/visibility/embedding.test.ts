import { publicCollectionAddress } from '../../../../src/domain/activity-streams/well-known-ids';
import {
  canReference,
  canSeeEmbedded,
  isVisibleToEveryone,
  stubOf,
  type Viewer,
} from '../../../../src/domain/visibility/visibility';
import { activity, H, note, person } from '../as-fixtures';

const alice = person('alice');
const bob = person('bob');
const carol = person('carol');
const viewerOf = (who: { id: string }): Viewer => ({ id: who.id });

const aliceNote = note(`${H}/api/note/n1`, { author: alice, content: 'for carol' });
const toCarol = activity({ actor: alice, object: aliceNote, to: [carol] });
const toPublic = activity({ actor: alice, object: aliceNote, to: [publicCollectionAddress()] });
const remoteNote = note('https://remote.example/note/1', { content: undefined });

// One row per (object, creation, viewer) case of the rule: whatever is embedded follows the rule of a direct read.
describe('canSeeEmbedded (docs/architecture.md §2b)', () => {
  it.each([
    ['the author, whatever the audience', aliceNote, toCarol, viewerOf(alice), true],
    ['a person addressed by the creation', aliceNote, toCarol, viewerOf(carol), true],
    ['a person not addressed', aliceNote, toCarol, viewerOf(bob), false],
    ['no user (2-legged), private object', aliceNote, toCarol, null, false],
    ['anyone, public object', aliceNote, toPublic, viewerOf(bob), true],
    ['no user, public object', aliceNote, toPublic, null, true],
    ['anyone but the author, never-posted object', aliceNote, null, viewerOf(bob), false],
    ['anyone, a remote object known by reference only', remoteNote, null, viewerOf(bob), false],
    ['anyone, a person (profiles are public)', bob, null, viewerOf(carol), true],
    ['no user, a person', bob, null, null, true],
  ])('%s → %s', (_row, object, creation, viewer, expected) => {
    expect(canSeeEmbedded(object, creation, viewer)).toBe(expected);
  });
});

describe('canReference: what one may name in an activity (favorite, share, reply...)', () => {
  it.each([
    ['what one may see', aliceNote, toCarol, viewerOf(carol), true, true],
    ['a local object one may not see', aliceNote, toCarol, viewerOf(bob), true, false],
    [
      'a remote object one may not see that was posted here',
      remoteNote,
      toCarol,
      viewerOf(bob),
      false,
      false,
    ],
    [
      'a remote object known by reference only (no creation here)',
      remoteNote,
      null,
      viewerOf(bob),
      false,
      true,
    ],
    ['a local id with no creation (never posted)', aliceNote, null, viewerOf(bob), true, false],
    ['a person', carol, null, viewerOf(bob), true, true],
  ])('%s → %s', (_row, object, creation, viewer, isLocalId, expected) => {
    expect(canReference(object, creation, viewer, isLocalId)).toBe(expected);
  });
});

describe('stubs and server-made sentences', () => {
  it('a stub is the id and type, nothing else', () => {
    expect(stubOf(aliceNote)).toEqual({ id: aliceNote.id, objectType: 'note' });
  });

  it.each([
    ['a person', bob, null, true],
    ['a public object', aliceNote, toPublic, true],
    ['a private object', aliceNote, toCarol, false],
    ['a never-posted object', aliceNote, null, false],
  ])('isVisibleToEveryone: %s → %s', (_row, object, creation, expected) => {
    expect(isVisibleToEveryone(object, creation)).toBe(expected);
  });
});
