import type { AsObject } from '../../../../src/domain/activity-streams/as-object';
import {
  decideRemoteCopy,
  needsFetch,
  REMOTE_COPY_FRESH_MS,
} from '../../../../src/domain/federation/remote-copy';

const LOCAL = 'a.test';
const NOW = new Date('2026-05-01T12:00:00Z');
const bob = (extra: Record<string, unknown> = {}): AsObject => ({
  id: 'acct:bob@b.test',
  objectType: 'person',
  ...extra,
});

describe('needsFetch', () => {
  it('fetches an unknown remote object, or one we hold only as a bare reference', () => {
    expect(needsFetch('acct:bob@b.test', null, LOCAL, NOW)).toBe(true);
    expect(needsFetch('https://b.test/api/note/1', bob({ _uuid: 'u' }), LOCAL, NOW)).toBe(true);
  });

  it('never fetches a local id, an id without a host we may contact, or another scheme', () => {
    expect(needsFetch('acct:alice@a.test', null, LOCAL, NOW)).toBe(false);
    expect(needsFetch('http://A.TEST:8080/api/note/1', null, LOCAL, NOW)).toBe(false);
    expect(needsFetch('acct:bob@b.example', null, LOCAL, NOW)).toBe(false);
    expect(needsFetch('http://activityschema.org/collection/public', null, LOCAL, NOW)).toBe(false);
    expect(needsFetch('tag:b.test,2026:x', null, LOCAL, NOW)).toBe(false);
    expect(needsFetch('urn:uuid:1', null, LOCAL, NOW)).toBe(false);
  });

  it('fetches a confirmed copy again once it is a day old, not before', () => {
    const fetched = (ago: number) => bob({ _fetched: new Date(NOW.getTime() - ago).toISOString() });
    expect(needsFetch(bob().id, fetched(REMOTE_COPY_FRESH_MS - 1000), LOCAL, NOW)).toBe(false);
    expect(needsFetch(bob().id, fetched(REMOTE_COPY_FRESH_MS), LOCAL, NOW)).toBe(true);
  });
});

describe('decideRemoteCopy', () => {
  const input = (fetched: AsObject, stored: AsObject | null = null, askedId = 'acct:bob@b.test') => ({
    askedId,
    fetched,
    stored,
    localHost: LOCAL,
    now: '2026-05-01T12:00:00Z',
  });

  it('keeps the origin answer with its provenance and our stream key, without its private keys', () => {
    const decision = decideRemoteCopy(
      input(bob({ displayName: 'Bob', _uuid: 'theirs', _user: { x: 1 } }), bob({ _uuid: 'ours' })),
    );
    expect(decision).toEqual({
      save: true,
      object: {
        id: 'acct:bob@b.test',
        objectType: 'person',
        displayName: 'Bob',
        _uuid: 'ours',
        _fetched: '2026-05-01T12:00:00Z',
        _origin: 'b.test',
      },
    });
  });

  it('refuses an answer that speaks for another id, on another host or the same', () => {
    expect(decideRemoteCopy(input({ id: 'acct:bob@c.test', objectType: 'person' }))).toEqual({
      save: false,
      reason: 'other-origin',
    });
    expect(decideRemoteCopy(input({ id: 'acct:carol@b.test', objectType: 'person' }))).toEqual({
      save: false,
      reason: 'other-origin',
    });
  });

  it('never replaces a local object', () => {
    const local = { id: 'acct:alice@a.test', objectType: 'person' };
    expect(decideRemoteCopy(input(local, null, local.id))).toEqual({ save: false, reason: 'local' });
  });

  it('refuses an answer older than what we hold, and keeps an equal or newer one', () => {
    const stored = bob({ updated: '2026-04-02T00:00:00Z', _fetched: '2026-04-02T00:00:00Z' });
    expect(decideRemoteCopy(input(bob({ updated: '2026-04-01T00:00:00Z' }), stored))).toEqual({
      save: false,
      reason: 'older',
    });
    expect(decideRemoteCopy(input(bob({ updated: '2026-04-02T00:00:00Z' }), stored)).save).toBe(true);
    expect(decideRemoteCopy(input(bob({ updated: '2026-04-03T00:00:00Z' }), stored)).save).toBe(true);
  });

  it('refuses what cannot be kept: no objectType, a field over the limits', () => {
    expect(decideRemoteCopy(input({ id: 'acct:bob@b.test' } as AsObject))).toEqual({
      save: false,
      reason: 'malformed',
    });
    expect(decideRemoteCopy(input(bob({ displayName: 'x'.repeat(5000) })))).toEqual({
      save: false,
      reason: 'malformed',
    });
  });
});
