/** Options of {@link eventually}. */
export interface EventuallyOptions {
  /** Generous: the machine is a busy 2-core one. */
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /**
   * Asked now and then while waiting: a reason to stop waiting at once (e.g. the sender's delivery is a dead
   * letter), so a scenario that cannot succeed fails with that reason instead of at its deadline.
   */
  readonly hopeless?: () => Promise<string | undefined>;
  /** How often `hopeless` is asked, in ms. */
  readonly hopelessEveryMs?: number;
}

/**
 * Polls `probe` until it answers something other than undefined and answers that; throws at the deadline with
 * `what` and the last thing `describe` made of the wait. No fixed sleeps: the deadline is only a bound.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: EventuallyOptions = {},
  describe: () => string = () => '',
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  let nextHopelessCheck = Date.now() + (options.hopelessEveryMs ?? 3_000);
  for (;;) {
    const outcome = await probe().then(
      (value) => ({ value, error: '' }),
      (error: unknown) => ({
        value: undefined,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    if (outcome.value !== undefined) return outcome.value;
    const lastError = outcome.error;
    if (options.hopeless !== undefined && Date.now() >= nextHopelessCheck) {
      const reason = await options.hopeless();
      if (reason !== undefined) throw new Error(`${what}: gave up waiting, ${reason}`);
      nextHopelessCheck = Date.now() + (options.hopelessEveryMs ?? 3_000);
    }
    if (Date.now() > deadline) {
      const details = [describe(), lastError && `last error: ${lastError}`].filter((text) => text !== '');
      throw new Error(
        `${what}: not within ${timeoutMs} ms${details.length > 0 ? `\n${details.join('\n')}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
