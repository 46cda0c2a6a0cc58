import type { SessionRepository } from '../../../application/ports/storage/session-repository.port';
import { copyJson } from './json-copy';
import { MemoryExpiryHeap } from './memory-expiry-heap';
import type { MemoryGate } from './memory-gate';
import { MemoryTable } from './memory-table';
import type { UndoLog } from './undo-journal';

/** How many stale heap entries (left by touch and set) to tolerate before rebuilding the heap. */
const STALE_ENTRY_ALLOWANCE = 1024;

interface StoredSession {
  data: Record<string, unknown>;
  expiresAt: number;
}

/** The web sessions of a memory store, and their expiries in sweep order. */
export class MemorySessionTables {
  readonly bySid = new MemoryTable<StoredSession>();
  readonly expiries = new MemoryExpiryHeap();
}

/**
 * {@link SessionRepository} over process memory.
 *
 * Invariants: data is copied in and out as JSON; `get` checks the expiry itself, so an expired session is never
 * served whether or not it was swept; a heap entry is current only while its session still has that expiry (set
 * and touch leave the old entry behind, the sweep skips it, and the heap is rebuilt when such entries pile up).
 */
export class MemorySessionRepository implements SessionRepository {
  constructor(
    private readonly tables: MemorySessionTables,
    private readonly gate: MemoryGate,
  ) {}

  get(sid: string, now: Date): Promise<Record<string, unknown> | null> {
    return this.gate.run(() => {
      const session = this.tables.bySid.get(sid);
      if (session === undefined || session.expiresAt <= now.getTime()) return null;
      return copyJson(session.data);
    });
  }

  async set(sid: string, data: Record<string, unknown>, expiresAt: Date): Promise<void> {
    const stored: StoredSession = { data: copyJson(data), expiresAt: expiresAt.getTime() };
    return this.gate.run((undo) => this.store(sid, stored, undo));
  }

  touch(sid: string, expiresAt: Date, now: Date): Promise<boolean> {
    return this.gate.run((undo) => {
      const session = this.tables.bySid.get(sid);
      if (session === undefined || session.expiresAt <= now.getTime()) return false;
      this.store(sid, { data: session.data, expiresAt: expiresAt.getTime() }, undo);
      return true;
    });
  }

  destroy(sid: string): Promise<void> {
    return this.gate.run((undo) => {
      const previous = this.tables.bySid.get(sid);
      if (previous === undefined) return;
      this.tables.bySid.delete(sid, undo);
      undo.record(() => this.tables.expiries.push({ key: sid, expiresAt: previous.expiresAt }));
    });
  }

  sweep(now: Date): Promise<number> {
    return this.gate.run((undo) =>
      this.tables.expiries.sweep(
        // The heap sweeps entries strictly before its bound; times are whole milliseconds, so `now + 1` also
        // takes the sessions that expire at `now` itself, which `get` already refuses.
        now.getTime() + 1,
        undo,
        (entry) =>
          this.tables.bySid.get(entry.key)?.expiresAt === entry.expiresAt &&
          this.tables.bySid.delete(entry.key, undo),
      ),
    );
  }

  destroyOfUser(nickname: string): Promise<number> {
    return this.gate.run((undo) => {
      let removed = 0;
      for (const [sid, session] of [...this.tables.bySid.entries()]) {
        const user = session.data.user;
        const owner =
          typeof user === 'object' && user !== null ? (user as { nickname?: unknown }).nickname : null;
        // Its expiry heap entry stays behind: the sweep skips entries whose session is gone.
        if (owner === nickname && this.tables.bySid.delete(sid, undo)) removed += 1;
      }
      return removed;
    });
  }

  private store(sid: string, session: StoredSession, undo: UndoLog): void {
    const previous = this.tables.bySid.get(sid);
    this.tables.bySid.set(sid, session, undo);
    this.tables.expiries.push({ key: sid, expiresAt: session.expiresAt });
    // A rollback may bring back the previous expiry after a rebuild dropped its entry: give it one again.
    if (previous !== undefined) {
      undo.record(() => this.tables.expiries.push({ key: sid, expiresAt: previous.expiresAt }));
    }
    if (this.tables.expiries.size > 2 * this.tables.bySid.size + STALE_ENTRY_ALLOWANCE) {
      this.tables.expiries.rebuild(
        [...this.tables.bySid.entries()].map(([key, stored]) => ({ key, expiresAt: stored.expiresAt })),
      );
    }
  }
}
