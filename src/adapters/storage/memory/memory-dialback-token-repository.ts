import type {
  DialbackTokenRepository,
  SentDialbackToken,
} from '../../../application/ports/storage/dialback-token-repository.port';
import { MemoryExpiryHeap } from './memory-expiry-heap';
import type { MemoryGate } from './memory-gate';
import { MemoryTable } from './memory-table';

/** The Dialback tokens a memory store remembers: each sent token's key with its expiry, and the expiries. */
export class MemoryDialbackTokenTables {
  readonly expiryBySent = new MemoryTable<number>();
  readonly expiries = new MemoryExpiryHeap();
}

/** The key of a sent token: all four parts, as a JSON array so parts that run together stay apart. */
export function sentTokenKey(sent: Omit<SentDialbackToken, 'expiresAt'>): string {
  return JSON.stringify([sent.url, sent.identity, sent.token, sent.dateMs]);
}

/**
 * {@link DialbackTokenRepository} over process memory.
 *
 * Invariants: as MemoryNonceRepository, a heap entry is current only while the table holds its key with the same
 * expiry; remembering a token again keeps the later expiry.
 */
export class MemoryDialbackTokenRepository implements DialbackTokenRepository {
  constructor(
    private readonly tables: MemoryDialbackTokenTables,
    private readonly gate: MemoryGate,
  ) {}

  remember(sent: SentDialbackToken): Promise<void> {
    const key = sentTokenKey(sent);
    const expiresAt = sent.expiresAt.getTime();
    return this.gate.run((undo) => {
      const known = this.tables.expiryBySent.get(key);
      if (known !== undefined && known >= expiresAt) return;
      this.tables.expiryBySent.set(key, expiresAt, undo);
      this.tables.expiries.push({ key, expiresAt });
    });
  }

  wasSent(query: Omit<SentDialbackToken, 'expiresAt'>, now: Date): Promise<boolean> {
    const key = sentTokenKey(query);
    return this.gate.run(() => {
      const expiresAt = this.tables.expiryBySent.get(key);
      return expiresAt !== undefined && expiresAt >= now.getTime();
    });
  }

  sweep(now: Date): Promise<number> {
    return this.gate.run((undo) =>
      this.tables.expiries.sweep(
        now.getTime(),
        undo,
        (entry) =>
          this.tables.expiryBySent.get(entry.key) === entry.expiresAt &&
          this.tables.expiryBySent.delete(entry.key, undo),
      ),
    );
  }
}
