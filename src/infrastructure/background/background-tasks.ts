import type { Logger } from '../../application/ports/logger.port';

/** Work a server process repeats while it runs: picking up due jobs, sweeping expired nonces. */
export interface BackgroundTask {
  readonly name: string;
  /** Pause between the end of one run and the start of the next. */
  readonly intervalMs: number;
  run(): Promise<void>;
  /**
   * Lets the task be woken before its interval is over (new work arrived in this process): called once at start
   * with the function that wakes it; answers the function that stops the wake-ups.
   */
  readonly wakeUp?: (wake: () => void) => () => void;
}

interface TaskState {
  timer?: NodeJS.Timeout;
  running: boolean;
  /** Woken while running: run again as soon as this run ends. */
  again: boolean;
}

/**
 * Runs each task again and again, `intervalMs` after its previous run ended, until {@link stop}.
 *
 * Invariants: a task never overlaps itself (the next run is scheduled only when the last one settled); a wake-up
 * runs the task at once, or right after the run in progress, never twice at a time; a failing run is logged and the
 * task goes on; `stop` cancels what is scheduled and the wake-ups and resolves once every run in progress has ended,
 * so the store can be closed right after it.
 */
export class BackgroundTasks {
  private readonly states = new Map<BackgroundTask, TaskState>();
  private readonly running = new Set<Promise<void>>();
  private readonly unsubscribes: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly tasks: readonly BackgroundTask[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    for (const task of this.tasks) {
      this.states.set(task, { running: false, again: false });
      if (task.wakeUp !== undefined) this.unsubscribes.push(task.wakeUp(() => this.wake(task)));
      this.schedule(task, 0);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    for (const state of this.states.values()) {
      if (state.timer !== undefined) clearTimeout(state.timer);
      state.timer = undefined;
    }
    await Promise.all([...this.running]);
  }

  private wake(task: BackgroundTask): void {
    const state = this.states.get(task);
    if (this.stopped || state === undefined) return;
    if (state.running) {
      state.again = true;
      return;
    }
    if (state.timer !== undefined) clearTimeout(state.timer);
    state.timer = undefined;
    this.schedule(task, 0);
  }

  private schedule(task: BackgroundTask, delayMs: number): void {
    const state = this.states.get(task);
    if (this.stopped || state === undefined) return;
    const timer = setTimeout(() => {
      state.timer = undefined;
      state.running = true;
      state.again = false;
      const run = task
        .run()
        .catch((error: unknown) =>
          this.logger.error({ err: error, task: task.name }, 'background task failed'),
        )
        .finally(() => {
          this.running.delete(run);
          state.running = false;
          this.schedule(task, state.again ? 0 : task.intervalMs);
        });
      this.running.add(run);
    }, delayMs);
    // A pending run must not keep the process alive on its own: shutdown decides when the process ends.
    timer.unref();
    state.timer = timer;
  }
}
