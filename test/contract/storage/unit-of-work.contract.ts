import type { Storage } from '../../../src/application/ports/storage/unit-of-work.port';
import { DomainError } from '../../../src/domain/errors/domain-error';
import { expectDomainError } from './expect-domain-error';
import {
  aClient,
  aNonceUse,
  aNote,
  anAccessToken,
  anActivity,
  aRequestToken,
  aUser,
} from './storage-fixtures';
import { type OpenTestStore, useTestStore } from './test-store';

const NOTE_ID = 'https://example.test/api/note/1';
const COUNTER_ID = 'https://example.test/api/counter';
const OUTBOX = 'user:alice:outbox';
const FAR = new Date('2030-01-01T00:00:00.000Z');
const NOW = new Date('2026-01-01T00:00:00.000Z');

/** Settles a promise into a value that can be inspected later, so an early rejection is never unhandled. */
function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** A promise the test resolves by hand: how a work signals that it is halfway. */
function signal(): { reached: Promise<void>; reach: () => void } {
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  return { reached, reach };
}

/** Everything the rollback test writes to, read through the plain repositories. */
async function snapshot(storage: Storage): Promise<unknown> {
  return {
    alice: await storage.users.findByNickname('alice'),
    bob: await storage.users.findByNickname('bob'),
    aliceByProfile: await storage.users.findByProfileId('acct:alice@example.test'),
    userCount: await storage.users.count(),
    note: await storage.objects.findById(NOTE_ID),
    newNote: await storage.objects.findById('https://example.test/api/note/new'),
    activity: await storage.activities.findById('https://example.test/api/activity/1'),
    creation: await storage.activities.findCreation(NOTE_ID),
    outbox: await storage.streams.page(OUTBOX, { count: 100 }),
    outboxCount: await storage.streams.count(OUTBOX),
    followers: await storage.follows.followers('acct:bob@example.test', { count: 100 }),
    following: await storage.follows.following('acct:alice@example.test', { count: 100 }),
    client: await storage.clients.findById('client-1'),
    newClient: await storage.clients.findById('client-2'),
    requestToken: await storage.tokens.findRequestToken('rt-1'),
    accessToken: await storage.tokens.findAccessToken('at-1'),
    session: await storage.sessions.get('sid-1', NOW),
    newSession: await storage.sessions.get('sid-2', NOW),
    jobCounts: await storage.jobs.counts('deliver'),
  };
}

/** The contract of UnitOfWork (unit-of-work.port.ts), for any adapter. */
export function describeUnitOfWorkContract(open: OpenTestStore): void {
  describe('UnitOfWork', () => {
    const store = useTestStore(open);
    const storage = () => store().storage;

    it('keeps every write of a work that resolves, and answers what it answered', async () => {
      const answer = await storage().run(async (tx) => {
        await tx.users.create(aUser('alice'));
        await tx.objects.save(aNote(NOTE_ID));
        await tx.activities.save(anActivity('https://example.test/api/activity/1', 'post', aNote(NOTE_ID)));
        await tx.streams.append(OUTBOX, 'https://example.test/api/activity/1');
        await tx.follows.follow('acct:bob@example.test', 'acct:alice@example.test');
        await tx.clients.create(aClient('client-1'));
        await tx.tokens.saveRequestToken(aRequestToken('rt-1'));
        await tx.sessions.set('sid-1', { principal: 'alice' }, FAR);
        return tx.jobs.enqueue({ queue: 'distribute', payload: { activity: 1 }, dedupeKey: 'activity-1' });
      });
      expect(await storage().users.findByNickname('alice')).not.toBeNull();
      expect(await storage().objects.findById(NOTE_ID)).not.toBeNull();
      expect(await storage().activities.findCreation(NOTE_ID)).not.toBeNull();
      expect(await storage().streams.page(OUTBOX, { count: 5 })).toEqual([
        'https://example.test/api/activity/1',
      ]);
      expect(await storage().follows.countFollowers('acct:alice@example.test')).toBe(1);
      expect(await storage().clients.findById('client-1')).not.toBeNull();
      expect(await storage().tokens.findRequestToken('rt-1')).not.toBeNull();
      expect(await storage().sessions.get('sid-1', NOW)).toEqual({ principal: 'alice' });
      expect((await storage().jobs.findById(answer))?.state).toBe('pending');
    });

    it('lets the work see its own writes', async () => {
      await storage().run(async (tx) => {
        await tx.users.create(aUser('alice'));
        expect(await tx.users.findByNickname('alice')).toStrictEqual(aUser('alice'));
        await tx.streams.append(OUTBOX, 'a');
        await tx.streams.append(OUTBOX, 'b');
        expect(await tx.streams.page(OUTBOX, { count: 5 })).toEqual(['b', 'a']);
        expect(await tx.streams.count(OUTBOX)).toBe(2);
        const id = await tx.jobs.enqueue({ queue: 'deliver', payload: {} });
        expect((await tx.jobs.findById(id))?.state).toBe('pending');
        await expectDomainError(tx.users.create(aUser('alice')), 'conflict', 'user.exists');
      });
    });

    it('undoes the writes of every repository when the work throws, and rethrows the same error', async () => {
      const s = storage();
      await s.users.create(aUser('alice'));
      await s.objects.save(aNote(NOTE_ID, { content: 'before' }));
      await s.activities.save(anActivity('https://example.test/api/activity/1', 'post', aNote(NOTE_ID)));
      for (const item of ['a', 'b', 'c']) await s.streams.append(OUTBOX, item);
      await s.follows.follow('acct:alice@example.test', 'acct:bob@example.test');
      await s.clients.create(aClient('client-1'));
      await s.tokens.saveRequestToken(aRequestToken('rt-1'));
      await s.tokens.findOrCreateAccessToken(anAccessToken('at-1'));
      await s.sessions.set('sid-1', { principal: 'alice' }, FAR);
      const pendingJob = await s.jobs.enqueue({ queue: 'deliver', payload: { n: 1 } });
      const before = await snapshot(s);
      const failure = new Error('the work failed after writing everywhere');

      const outcome = await settle(
        s.run(async (tx) => {
          await tx.users.update(aUser('alice', { profileId: 'acct:renamed@example.test' }));
          await tx.users.create(aUser('bob'));
          await tx.objects.save(aNote(NOTE_ID, { content: 'after' }));
          await tx.objects.save(aNote('https://example.test/api/note/new'));
          await tx.activities.save(
            anActivity('https://example.test/api/activity/1', 'update', aNote(NOTE_ID)),
          );
          await tx.streams.remove(OUTBOX, 'b');
          await tx.streams.appendToMany([OUTBOX, 'user:bob:inbox'], 'd');
          await tx.follows.unfollow('acct:alice@example.test', 'acct:bob@example.test');
          await tx.clients.update(aClient('client-1', { secret: 'changed' }));
          await tx.clients.create(aClient('client-2'));
          await tx.tokens.consumeRequestToken('rt-1');
          await tx.tokens.revokeAccessTokens('alice');
          await tx.sessions.destroy('sid-1');
          await tx.sessions.set('sid-2', { principal: 'bob' }, FAR);
          await tx.jobs.complete((await tx.jobs.lease('deliver', 'worker-1', 30_000))!);
          await tx.jobs.enqueue({ queue: 'deliver', payload: { n: 2 }, dedupeKey: 'rolled-back' });
          await tx.nonces.remember(aNonceUse());
          throw failure;
        }),
      );

      expect(outcome.error).toBe(failure);
      expect(await snapshot(s)).toStrictEqual(before);
      expect(await s.streams.count('user:bob:inbox')).toBe(0);
      expect(await s.jobs.findById(pendingJob)).toMatchObject({ state: 'pending', attempts: 0 });
      expect(await s.nonces.remember(aNonceUse())).toBe(true);
      const again = await s.jobs.enqueue({ queue: 'deliver', payload: { n: 3 }, dedupeKey: 'rolled-back' });
      expect((await s.jobs.findById(again))?.payload).toEqual({ n: 3 });
    });

    it('undoes the work when a repository inside it refuses a write, passing that DomainError on', async () => {
      await storage().users.create(aUser('alice'));
      const outcome = await settle(
        storage().run(async (tx) => {
          await tx.streams.append(OUTBOX, 'a');
          await tx.users.create(aUser('alice'));
        }),
      );
      expect(outcome.error).toBeInstanceOf(DomainError);
      expect(outcome.error).toMatchObject({ kind: 'conflict', code: 'user.exists' });
      expect(await storage().streams.count(OUTBOX)).toBe(0);
    });

    it('works normally after a unit of work failed', async () => {
      await settle(storage().run(() => Promise.reject(new Error('first fails'))));
      await storage().run((tx) => tx.streams.append(OUTBOX, 'a'));
      expect(await storage().streams.page(OUTBOX, { count: 5 })).toEqual(['a']);
    });

    it('runs concurrent units of work one after another: 20 read-increment-writes count to 20', async () => {
      await storage().objects.save({ id: COUNTER_ID, objectType: 'collection', totalItems: 0 });
      await Promise.all(
        Array.from({ length: 20 }, () =>
          storage().run(async (tx) => {
            const counter = await tx.objects.findById(COUNTER_ID);
            await tx.streams.count(OUTBOX); // yields between the read and the write
            await tx.objects.save({
              id: COUNTER_ID,
              objectType: 'collection',
              totalItems: Number(counter?.totalItems) + 1,
            });
          }),
        ),
      );
      expect((await storage().objects.findById(COUNTER_ID))?.totalItems).toBe(20);
    });

    it('never interleaves the writes of two units of work', async () => {
      const appendFive = (prefix: string) =>
        storage().run(async (tx) => {
          for (let n = 0; n < 5; n += 1) await tx.streams.append(OUTBOX, `${prefix}${n}`);
        });
      await Promise.all([appendFive('a'), appendFive('b')]);
      const oldestFirst = (await storage().streams.page(OUTBOX, { count: 10 })).reverse().join(' ');
      expect(['a0 a1 a2 a3 a4 b0 b1 b2 b3 b4', 'b0 b1 b2 b3 b4 a0 a1 a2 a3 a4']).toContain(oldestFirst);
    });

    it('never shows another caller a part of a unit of work', async () => {
      const halfway = signal();
      const unit = settle(
        storage().run(async (tx) => {
          await tx.objects.save(aNote('https://example.test/api/note/a'));
          halfway.reach();
          for (let n = 0; n < 20; n += 1) await tx.objects.findById('https://example.test/api/note/a');
          await tx.objects.save(aNote('https://example.test/api/note/b'));
        }),
      );
      await halfway.reached;
      const seen = await storage().objects.findManyByIds([
        'https://example.test/api/note/a',
        'https://example.test/api/note/b',
      ]);
      expect((await unit).error).toBeUndefined();
      expect([0, 2]).toContain(seen.size);
    });

    it('never rolls back a plain write issued while a unit of work was open', async () => {
      const halfway = signal();
      const failure = new Error('rolled back');
      const unit = settle(
        storage().run(async (tx) => {
          await tx.streams.append(OUTBOX, 'inside');
          halfway.reach();
          for (let n = 0; n < 20; n += 1) await tx.streams.count(OUTBOX);
          throw failure;
        }),
      );
      await halfway.reached;
      const outside = settle(storage().streams.append(OUTBOX, 'outside'));
      expect((await unit).error).toBe(failure);
      expect(await outside).toEqual({ value: true });
      expect(await storage().streams.page(OUTBOX, { count: 5 })).toEqual(['outside']);
    });
  });
}
