import type { NonceRepository, NonceUse } from '../../../application/ports/storage/nonce-repository.port';
import { MemoryExpiryHeap } from './memory-expiry-heap';
import type { MemoryGate } from './memory-gate';
import { MemoryTable } from './memory-table';

/** The nonces seen by a memory store: each use's key with its expiry, and those expiries in sweep order. */
export class MemoryNonceTables {
  readonly expiryByUse = new MemoryTable<number>();
  readonly expiries = new MemoryExpiryHeap();
}

/**
 * {@link NonceRepository} over process memory.
 *
 * Invariants: a use is keyed by all four of its parts; a heap entry is current only while the table holds its key
 * with the same expiry, so an entry left behind by a rollback is skipped rather than counted.
 */
export class MemoryNonceRepository implements NonceRepository {
  constructor(
    private readonly tables: MemoryNonceTables,
    private readonly gate: MemoryGate,
  ) {}

  remember(use: NonceUse): Promise<boolean> {
    const key = JSON.stringify([use.clientId, use.token, use.timestamp, use.nonce]);
    const expiresAt = use.expiresAt.getTime();
    return this.gate.run((undo) => {
      if (this.tables.expiryByUse.has(key)) return false;
      this.tables.expiryByUse.set(key, expiresAt, undo);
      this.tables.expiries.push({ key, expiresAt });
      return true;
    });
  }

  sweep(now: Date): Promise<number> {
    return this.gate.run((undo) =>
      this.tables.expiries.sweep(
        now.getTime(),
        undo,
        (entry) =>
          this.tables.expiryByUse.get(entry.key) === entry.expiresAt &&
          this.tables.expiryByUse.delete(entry.key, undo),
      ),
    );
  }
}
