import { aUser } from './storage-fixtures';
import { type OpenTestStore, useTestStore } from './test-store';

/** What a runner tells the lifecycle suite about its adapter. */
export interface StorageLifecycleOptions {
  /** The adapter keeps data across close and open (TestStore.reopen is set). */
  durable: boolean;
}

/** The contract of Storage.close (unit-of-work.port.ts), and durability for adapters that promise it. */
export function describeStorageLifecycleContract(
  open: OpenTestStore,
  options: StorageLifecycleOptions,
): void {
  describe('Storage lifecycle', () => {
    const store = useTestStore(open);

    it('closes safely twice, and fails every later call', async () => {
      const { storage } = store();
      await storage.users.create(aUser('alice'));
      await storage.close();
      await expect(storage.close()).resolves.toBeUndefined();
      await expect(storage.users.count()).rejects.toThrow();
      await expect(storage.streams.append('s', 'a')).rejects.toThrow();
      await expect(storage.run((tx) => tx.users.count())).rejects.toThrow();
    });

    it('probes a write without changing any data, and the probe fails once the store is closed', async () => {
      const { storage } = store();
      await storage.users.create(aUser('alice'));
      await expect(storage.probeWrite()).resolves.toBeUndefined();
      await expect(storage.probeWrite()).resolves.toBeUndefined();
      expect(await storage.users.count()).toBe(1);
      await storage.close();
      await expect(storage.probeWrite()).rejects.toThrow();
    });

    it('lets a unit of work already running finish before it closes', async () => {
      const { storage } = store();
      const unit = storage.run(async (tx) => {
        for (let n = 0; n < 10; n += 1) await tx.streams.append('s', `item-${n}`);
        return tx.streams.count('s');
      });
      const closing = storage.close();
      expect(await unit).toBe(10);
      await closing;
    });

    if (options.durable) {
      it('keeps committed data across close and reopen', async () => {
        const { storage, reopen } = store();
        await storage.users.create(aUser('alice'));
        await storage.run((tx) => tx.streams.append('s', 'a'));
        await storage.close();
        const reopened = await (reopen as () => Promise<typeof storage>)();
        try {
          expect(await reopened.users.findByNickname('alice')).toStrictEqual(aUser('alice'));
          expect(await reopened.streams.page('s', { count: 5 })).toEqual(['a']);
        } finally {
          await reopened.close();
        }
      });
    }
  });
}
