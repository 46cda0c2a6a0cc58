import {
  allows,
  type Interaction,
  isPersonFilter,
  NO_STANDING,
  personFilterStreamName,
  type Standing,
} from '../../../../src/domain/blocking/person-filters';
import { isRecipient, type Viewer } from '../../../../src/domain/visibility/visibility';
import { publicCollectionAddress } from '../../../../src/domain/activity-streams/well-known-ids';
import { activity, H, note, person } from '../as-fixtures';

const none: Standing = NO_STANDING;
const muted: Standing = { blocked: false, muted: true };
const blocked: Standing = { blocked: true, muted: false };
const both: Standing = { blocked: true, muted: true };

// issue 14 item 3: one row per rule. "none" is how the owner regards everyone they did not list.
describe('the block and mute rules (issue 14, item 3)', () => {
  it.each<[Interaction, boolean, boolean, boolean, boolean]>([
    // interaction        none   muted  blocked both
    ['reach-inbox', true, false, false, false],
    ['see-public', true, true, true, true],
    ['see-non-public', true, true, false, false],
    ['follow', true, true, false, false],
    ['keep-following', true, true, false, false],
    ['reply', true, true, false, false],
    ['favorite', true, true, false, false],
    ['share', true, true, false, false],
    ['be-told', true, false, false, false],
  ])('%s: none %s, muted %s, blocked %s, both %s', (interaction, ifNone, ifMuted, ifBlocked, ifBoth) => {
    expect(allows(interaction, none)).toBe(ifNone);
    expect(allows(interaction, muted)).toBe(ifMuted);
    expect(allows(interaction, blocked)).toBe(ifBlocked);
    expect(allows(interaction, both)).toBe(ifBoth);
  });

  it('keeps each list in a user stream of its own', () => {
    expect(personFilterStreamName('alice', 'blocked')).toBe('user:alice:blocked');
    expect(personFilterStreamName('alice', 'muted')).toBe('user:alice:muted');
    expect(isPersonFilter('blocked')).toBe(true);
    expect(isPersonFilter('muted')).toBe(true);
    expect(isPersonFilter('followers')).toBe(false);
  });
});

const alice = person('alice');
const bob = person('bob');
const viewerOf = (who: { id: string }): Viewer => ({ id: who.id });
const aliceNote = note(`${H}/api/note/n1`, { author: alice });
const toBob = activity({ actor: alice, object: aliceNote, to: [bob] });
const toPublic = activity({ actor: alice, object: aliceNote, to: [publicCollectionAddress()] });

// The visibility side of the block: what isRecipient answers once the application found the actor's block.
describe('a block in the recipient check (docs/architecture.md §2b)', () => {
  it.each([
    ['a non-public post addressed to the blocked person', true, false, toBob, viewerOf(bob)],
    ['the same post, no block', false, true, toBob, viewerOf(bob)],
    ['a public post: public stays public', true, true, toPublic, viewerOf(bob)],
    ['the actor themselves', true, true, toBob, viewerOf(alice)],
    ['no viewer', true, false, toBob, null],
  ])('%s (actor blocks viewer: %s) → visible %s', (_row, actorBlocksViewer, expected, posted, viewer) => {
    expect(isRecipient(posted, viewer, { actorBlocksViewer })).toBe(expected);
  });
});
