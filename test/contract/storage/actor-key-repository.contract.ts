import type { ActorKeyPair } from '../../../src/application/ports/storage/actor-key-repository.port';
import { type OpenTestStore, useTestStore } from './test-store';

function aPair(overrides: Partial<ActorKeyPair> = {}): ActorKeyPair {
  return {
    nickname: 'alice',
    publicKeyPem: '-----BEGIN PUBLIC KEY-----\nA\n-----END PUBLIC KEY-----\n',
    privateKeyPem: '-----BEGIN PRIVATE KEY-----\nB\n-----END PRIVATE KEY-----\n',
    created: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The contract of ActorKeyRepository, for any adapter. */
export function describeActorKeyRepositoryContract(open: OpenTestStore): void {
  describe('ActorKeyRepository', () => {
    const store = useTestStore(open);
    const keys = () => store().storage.actorKeys;

    it('finds nothing for a nickname that has no pair', async () => {
      expect(await keys().find('alice')).toBeNull();
    });

    it('stores a first pair and answers exactly it, then finds it by nickname only', async () => {
      const pair = aPair();
      expect(await keys().addIfAbsent(pair)).toEqual(pair);
      expect(await keys().find('alice')).toEqual(pair);
      expect(await keys().find('bob')).toBeNull();
    });

    it('keeps the first pair when a second one is added, and answers the first', async () => {
      const first = aPair();
      await keys().addIfAbsent(first);
      const second = aPair({ publicKeyPem: 'other public', privateKeyPem: 'other private' });
      expect(await keys().addIfAbsent(second)).toEqual(first);
      expect(await keys().find('alice')).toEqual(first);
    });

    it('gives two racing first additions the same winner', async () => {
      const [a, b] = await Promise.all([
        keys().addIfAbsent(aPair({ publicKeyPem: 'one' })),
        keys().addIfAbsent(aPair({ publicKeyPem: 'two' })),
      ]);
      expect(a).toEqual(b);
      expect(await keys().find('alice')).toEqual(a);
    });

    it('removes a pair and says whether there was one', async () => {
      await keys().addIfAbsent(aPair());
      await keys().addIfAbsent(aPair({ nickname: 'bob' }));
      expect(await keys().remove('alice')).toBe(true);
      expect(await keys().remove('alice')).toBe(false);
      expect(await keys().find('alice')).toBeNull();
      expect(await keys().find('bob')).not.toBeNull();
    });

    it('keeps nothing of a unit of work that failed', async () => {
      await expect(
        store().storage.run(async (tx) => {
          await tx.actorKeys.addIfAbsent(aPair());
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await keys().find('alice')).toBeNull();
    });
  });
}
