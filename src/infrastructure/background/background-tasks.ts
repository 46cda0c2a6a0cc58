import type { Logger } from '../../application/ports/logger.port';

/** Work a server process repeats while it runs: picking up due jobs, sweeping expired nonces. */
export interface BackgroundTask {
  readonly name: string;
  /** Pause between the end of one run and the start of the next. */
  readonly intervalMs: number;
  run(): Promise<void>;
}

/**
 * Runs each task again and again, `intervalMs` after its previous run ended, until {@link stop}.
 *
 * Invariants: a task never overlaps itself (the next run is scheduled only when the last one settled); a failing
 * run is logged and the task goes on; `stop` cancels what is scheduled and resolves once every run in progress has
 * ended, so the store can be closed right after it.
 */
export class BackgroundTasks {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly tasks: readonly BackgroundTask[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    for (const task of this.tasks) this.schedule(task, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.running]);
  }

  private schedule(task: BackgroundTask, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = task
        .run()
        .catch((error: unknown) =>
          this.logger.error({ err: error, task: task.name }, 'background task failed'),
        )
        .finally(() => {
          this.running.delete(run);
          this.schedule(task, task.intervalMs);
        });
      this.running.add(run);
    }, delayMs);
    // A pending run must not keep the process alive on its own: shutdown decides when the process ends.
    timer.unref();
    this.timers.add(timer);
  }
}
