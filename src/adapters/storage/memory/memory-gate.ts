import type { UndoLog } from './undo-journal';

/**
 * How a memory repository reaches the shared tables.
 *
 * Invariants: an operation is synchronous, so nothing else touches the tables while it runs; a plain gate runs it
 * only when no unit of work is open, a unit of work's gate runs it at once and journals its writes for rollback.
 * A failure (a thrown DomainError) always arrives as a rejected promise.
 */
export interface MemoryGate {
  run<T>(operation: (undo: UndoLog) => T): Promise<T>;
}
