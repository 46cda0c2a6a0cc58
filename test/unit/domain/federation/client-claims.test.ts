import type { AsObject } from '../../../../src/domain/activity-streams/as-object';
import {
  CLAIMANT_KEY,
  isClaimableBy,
  isOpenDescription,
  isOriginLessId,
  mentionOutcome,
  ownerOf,
} from '../../../../src/domain/federation/client-claims';
import { canSeeObject } from '../../../../src/domain/visibility/visibility';

const LOCAL = 'a.test';
const URN = 'urn:uuid:484e5278-8675-11e2-bd8f-70f1a154e1aa';
const TAG = 'tag:pump.io,2012:test:image:1';
const ALICE = 'acct:alice@a.test';
const BOB = 'acct:bob@a.test';

const note = (id: string, extra: Record<string, unknown> = {}): AsObject => ({
  id,
  objectType: 'note',
  ...extra,
});

describe('isOriginLessId', () => {
  it('is true for well-formed urn: and tag: ids of no host of ours', () => {
    expect(isOriginLessId(URN, LOCAL)).toBe(true);
    expect(isOriginLessId(TAG, LOCAL)).toBe(true);
    expect(isOriginLessId('tag:someone@b.test,2026-05-01:x', LOCAL)).toBe(true);
  });

  it('is false for http(s), acct and other ids, which have an origin', () => {
    expect(isOriginLessId('https://b.test/api/note/1', LOCAL)).toBe(false);
    expect(isOriginLessId('http://a.test/api/note/1', LOCAL)).toBe(false);
    expect(isOriginLessId('acct:bob@b.test', LOCAL)).toBe(false);
    expect(isOriginLessId('mailto:bob@b.test', LOCAL)).toBe(false);
  });

  it('is false for a tag: of this host, in any case, which only this site could mint', () => {
    expect(isOriginLessId('tag:a.test,2012:x', LOCAL)).toBe(false);
    expect(isOriginLessId('tag:A.TEST,2012:x', LOCAL)).toBe(false);
    expect(isOriginLessId('tag:someone@a.test,2012:x', LOCAL)).toBe(false);
  });

  it('is false for malformed ids: spaces, markup, a missing part', () => {
    for (const id of [
      'urn:uuid:has space',
      'urn:uuid:<script>',
      'urn:x',
      'urn::1',
      'urn:uuid:',
      'tag:pump.io:x',
      'tag:pump.io,12:x',
      'tag:pump.io,2012:a"b',
      `${URN}\n`,
    ]) {
      expect(isOriginLessId(id, LOCAL)).toBe(false);
    }
  });
});

describe('mentionOutcome', () => {
  it('adopts a description of an unknown origin-less object', () => {
    expect(mentionOutcome(note(URN, { content: 'hi' }), null, LOCAL)).toBe('adopt');
  });

  it('keeps a mention without a description (id, type, times, links) as a bare reference', () => {
    const links = { self: { href: 'http://b.test/note/1' } };
    expect(mentionOutcome(note(URN, { links }), null, LOCAL)).toBe('reference');
  });

  it('adopts a description over a bare reference nobody claimed', () => {
    expect(mentionOutcome(note(URN, { content: 'hi' }), note(URN, { _uuid: 'u' }), LOCAL)).toBe('adopt');
  });

  it('keeps a claimed or posted object, whoever describes it', () => {
    const claimed = note(URN, { content: 'first', [CLAIMANT_KEY]: ALICE });
    expect(mentionOutcome(note(URN, { content: 'second' }), claimed, LOCAL)).toBe('keep');
    const posted = note(TAG, { author: { id: ALICE, objectType: 'person' } });
    expect(mentionOutcome(note(TAG, { content: 'second' }), posted, LOCAL)).toBe('keep');
  });

  it('never adopts a description of an object with an origin', () => {
    expect(mentionOutcome(note('https://b.test/note/1', { content: 'x' }), null, LOCAL)).toBe('reference');
    expect(mentionOutcome(note('tag:a.test,2012:x', { content: 'x' }), null, LOCAL)).toBe('reference');
    const fromOrigin = note('tag:b.test,2012:x', { content: 'said by b.test' });
    expect(mentionOutcome(note('tag:b.test,2012:x', { content: 'x' }), fromOrigin, LOCAL)).toBe('keep');
  });
});

describe('isClaimableBy and ownerOf', () => {
  it('lets the claimant, or anyone for an unclaimed reference, post the object', () => {
    const claimed = note(URN, { content: 'mine', [CLAIMANT_KEY]: ALICE });
    expect(isClaimableBy(claimed, ALICE, LOCAL)).toBe(true);
    expect(isClaimableBy(claimed, BOB, LOCAL)).toBe(false);
    expect(isClaimableBy(note(URN, { _uuid: 'u' }), BOB, LOCAL)).toBe(true);
    expect(ownerOf(claimed)).toBe(ALICE);
  });

  it('never lets anyone take a posted, deleted or origin-described object', () => {
    const posted = note(URN, { author: { id: ALICE, objectType: 'person' } });
    expect(isClaimableBy(posted, ALICE, LOCAL)).toBe(false);
    expect(isClaimableBy(note(URN, { deleted: '2026-01-01T00:00:00Z' }), ALICE, LOCAL)).toBe(false);
    expect(isClaimableBy(note('tag:b.test,2012:x', { content: 'b says' }), ALICE, LOCAL)).toBe(false);
    expect(isClaimableBy(note('https://b.test/note/1'), ALICE, LOCAL)).toBe(false);
    expect(ownerOf(posted)).toBe(ALICE);
    expect(ownerOf(note(URN))).toBeUndefined();
  });
});

describe('isOpenDescription, and who may see an origin-less object', () => {
  it('opens an unposted origin-less reference or claimed description to every reader', () => {
    const claimed = note(URN, { content: 'hi', [CLAIMANT_KEY]: ALICE });
    expect(isOpenDescription(claimed)).toBe(true);
    expect(isOpenDescription(note(TAG, { _uuid: 'u' }))).toBe(true);
    expect(canSeeObject(claimed, null, { id: BOB })).toBe(true);
    expect(canSeeObject(claimed, null, null)).toBe(true);
  });

  it('keeps the rule of any post for a posted one, and hides an unclaimed copy with content', () => {
    const posted = note(TAG, { author: { id: ALICE, objectType: 'person' } });
    expect(isOpenDescription(posted)).toBe(false);
    expect(canSeeObject(posted, null, { id: BOB })).toBe(false);
    expect(isOpenDescription(note('tag:b.test,2012:x', { content: 'b says' }))).toBe(false);
    expect(isOpenDescription(note('https://b.test/note/1'))).toBe(false);
  });
});
