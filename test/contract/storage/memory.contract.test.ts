import { createMemoryStorage } from '../../../src/adapters/storage/memory/memory-storage';
import type { Repositories } from '../../../src/application/ports/storage/unit-of-work.port';
import { FakeClock } from '../../support/fake-clock';
import { describeStorageContract } from './storage.contract';

describeStorageContract(
  'memory',
  async () => {
    const clock = new FakeClock();
    return { storage: createMemoryStorage({ clock }), clock };
  },
  { durable: false },
);

// Misuse the port leaves undefined, which the memory driver turns into an immediate error instead of a hang.
describe('memory storage misuse', () => {
  it('fails at once, instead of waiting for itself, when a work calls the store rather than its repositories', async () => {
    const storage = createMemoryStorage({ clock: new FakeClock() });
    await expect(storage.run(() => storage.users.count())).rejects.toThrow(/inside a unit of work/);
    await expect(storage.run(() => storage.run((tx) => tx.users.count()))).rejects.toThrow(
      /inside a unit of work/,
    );
    expect(await storage.users.count()).toBe(0);
    await storage.close();
  });

  it('refuses calls through the repositories of a unit of work that has ended', async () => {
    const storage = createMemoryStorage({ clock: new FakeClock() });
    let leaked: Repositories | undefined;
    await storage.run(async (tx) => {
      leaked = tx;
    });
    await expect(leaked?.streams.append('s', 'late') ?? Promise.resolve()).rejects.toThrow(
      /unit of work is over/,
    );
    expect(await storage.streams.count('s')).toBe(0);
    await storage.close();
  });
});
