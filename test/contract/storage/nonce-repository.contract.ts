import { SeededRandom } from '../../support/seeded-random';
import { aNonceUse } from './storage-fixtures';
import { type OpenTestStore, useTestStore } from './test-store';

const at = (iso: string) => new Date(iso);
const BASE = Date.parse('2026-01-01T00:00:00.000Z');

/** The contract of NonceRepository (nonce-repository.port.ts), for any adapter. */
export function describeNonceRepositoryContract(open: OpenTestStore): void {
  describe('NonceRepository', () => {
    const store = useTestStore(open);
    const nonces = () => store().storage.nonces;

    it('answers true the first time a use is seen and false every later time', async () => {
      expect(await nonces().remember(aNonceUse())).toBe(true);
      expect(await nonces().remember(aNonceUse())).toBe(false);
      expect(await nonces().remember(aNonceUse())).toBe(false);
    });

    it('tells uses apart when any one of the four parts differs', async () => {
      expect(await nonces().remember(aNonceUse())).toBe(true);
      expect(await nonces().remember(aNonceUse({ clientId: 'client-2' }))).toBe(true);
      expect(await nonces().remember(aNonceUse({ token: 'token-2' }))).toBe(true);
      expect(await nonces().remember(aNonceUse({ token: null }))).toBe(true);
      expect(await nonces().remember(aNonceUse({ timestamp: 1_767_225_601 }))).toBe(true);
      expect(await nonces().remember(aNonceUse({ nonce: 'nonce-2' }))).toBe(true);
      expect(await nonces().remember(aNonceUse({ token: null }))).toBe(false);
    });

    it('does not confuse parts whose text runs together', async () => {
      expect(await nonces().remember(aNonceUse({ clientId: 'ab', token: 'c' }))).toBe(true);
      expect(await nonces().remember(aNonceUse({ clientId: 'a', token: 'bc' }))).toBe(true);
      expect(await nonces().remember(aNonceUse({ token: 'null' }))).toBe(true);
      expect(await nonces().remember(aNonceUse({ token: null }))).toBe(true);
    });

    it('answers true to exactly one of concurrent first uses', async () => {
      const answers = await Promise.all([1, 2, 3, 4].map(() => nonces().remember(aNonceUse())));
      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    it('sweeps the records that expired before now, answering how many, and keeps the rest', async () => {
      await nonces().remember(aNonceUse({ nonce: 'early', expiresAt: at('2026-01-01T00:01:00.000Z') }));
      await nonces().remember(aNonceUse({ nonce: 'mid', expiresAt: at('2026-01-01T00:02:00.000Z') }));
      await nonces().remember(aNonceUse({ nonce: 'late', expiresAt: at('2026-01-01T00:10:00.000Z') }));
      expect(await nonces().sweep(at('2026-01-01T00:05:00.000Z'))).toBe(2);
      expect(await nonces().sweep(at('2026-01-01T00:05:00.000Z'))).toBe(0);
      expect(
        await nonces().remember(aNonceUse({ nonce: 'late', expiresAt: at('2026-01-01T00:10:00.000Z') })),
      ).toBe(false);
      expect(
        await nonces().remember(aNonceUse({ nonce: 'early', expiresAt: at('2026-01-01T00:11:00.000Z') })),
      ).toBe(true);
    });

    it('sweeps in expiry order whatever order the records came in', async () => {
      const random = new SeededRandom(7);
      const minutes = Array.from({ length: 40 }, (_, n) => n + 1);
      for (let n = minutes.length - 1; n > 0; n -= 1) {
        const other = random.below(n + 1);
        [minutes[n], minutes[other]] = [minutes[other], minutes[n]];
      }
      for (const minute of minutes) {
        await nonces().remember(
          aNonceUse({ nonce: `n${minute}`, expiresAt: new Date(BASE + minute * 60_000) }),
        );
      }
      expect(await nonces().sweep(new Date(BASE + 10.5 * 60_000))).toBe(10);
      expect(await nonces().sweep(new Date(BASE + 25.5 * 60_000))).toBe(15);
      expect(
        await nonces().remember(aNonceUse({ nonce: 'n26', expiresAt: new Date(BASE + 26 * 60_000) })),
      ).toBe(false);
      expect(await nonces().sweep(new Date(BASE + 100 * 60_000))).toBe(15);
    });

    it('sweeps nothing when nothing has expired', async () => {
      await nonces().remember(aNonceUse({ expiresAt: at('2026-01-01T00:10:00.000Z') }));
      expect(await nonces().sweep(at('2026-01-01T00:00:00.000Z'))).toBe(0);
      expect(await nonces().remember(aNonceUse())).toBe(false);
    });
  });
}
