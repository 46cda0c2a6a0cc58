/** Where a write leaves the way to take itself back. */
export interface UndoLog {
  record(undo: () => void): void;
}

/** The undo log of plain operations: they commit as they go, so nothing is kept. */
export const DISCARD_UNDO: UndoLog = { record: () => undefined };

/**
 * The undo steps of one unit of work, in the order its writes happened.
 *
 * Invariant: `rollback` replays the steps newest first, so each step runs against exactly the state its write
 * left behind, and the tables end as they were before the unit of work began.
 */
export class UndoJournal implements UndoLog {
  private readonly steps: Array<() => void> = [];

  record(undo: () => void): void {
    this.steps.push(undo);
  }

  rollback(): void {
    for (let index = this.steps.length - 1; index >= 0; index -= 1) {
      this.steps[index]();
    }
    this.steps.length = 0;
  }
}
