import type { Logger } from '../../../../src/application/ports/logger.port';
import { BackgroundTasks } from '../../../../src/infrastructure/background/background-tasks';

const errors: unknown[] = [];
const logger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (fields) => void errors.push(fields),
  child: () => logger,
};

/** Waits until `condition` holds, failing at the deadline. */
async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('BackgroundTasks', () => {
  beforeEach(() => errors.splice(0));

  it('runs a task repeatedly and never lets it overlap itself', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const tasks = new BackgroundTasks(
      [
        {
          name: 'count',
          intervalMs: 1,
          run: async () => {
            active += 1;
            maxActive = Math.max(maxActive, active);
            await new Promise((resolve) => setImmediate(resolve));
            runs += 1;
            active -= 1;
          },
        },
      ],
      logger,
    );
    tasks.start();
    await until(() => runs >= 5);
    await tasks.stop();
    expect(maxActive).toBe(1);
  });

  it('logs a failing run and keeps running the task', async () => {
    let runs = 0;
    const tasks = new BackgroundTasks(
      [
        {
          name: 'flaky',
          intervalMs: 1,
          run: async () => {
            runs += 1;
            if (runs === 1) throw new Error('boom');
          },
        },
      ],
      logger,
    );
    tasks.start();
    await until(() => runs >= 3);
    await tasks.stop();
    expect(errors).toEqual([expect.objectContaining({ task: 'flaky' })]);
  });

  it('stop waits for the run in progress and schedules nothing after it', async () => {
    let release: () => void = () => undefined;
    let started = 0;
    let finished = 0;
    const tasks = new BackgroundTasks(
      [
        {
          name: 'slow',
          intervalMs: 1,
          run: async () => {
            started += 1;
            await new Promise<void>((resolve) => (release = resolve));
            finished += 1;
          },
        },
      ],
      logger,
    );
    tasks.start();
    await until(() => started === 1);
    const stopping = tasks.stop();
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(1);
    // Proving that nothing runs later needs a window: several times the 1 ms interval.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toBe(1);
  });

  it('a wake-up runs a task with a long interval at once, and right after a run in progress, never overlapping', async () => {
    let wake: () => void = () => undefined;
    let release: () => void = () => undefined;
    let runs = 0;
    let active = 0;
    let maxActive = 0;
    const tasks = new BackgroundTasks(
      [
        {
          name: 'deliver',
          intervalMs: 60 * 60_000,
          run: async () => {
            runs += 1;
            active += 1;
            maxActive = Math.max(maxActive, active);
            if (runs === 2) await new Promise<void>((resolve) => (release = resolve));
            active -= 1;
          },
          wakeUp: (listener) => {
            wake = listener;
            return () => (wake = () => undefined);
          },
        },
      ],
      logger,
    );
    tasks.start();
    await until(() => runs === 1 && active === 0);
    wake();
    await until(() => runs === 2);
    wake();
    wake();
    release();
    await until(() => runs === 3 && active === 0);
    await tasks.stop();
    wake();
    expect(runs).toBe(3);
    expect(maxActive).toBe(1);
  });
});
