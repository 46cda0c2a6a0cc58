/**
 * Tells this process's runner of a job queue that jobs were queued, so they run now rather than at the runner's
 * next poll. Other processes find the jobs at their next poll: the queue, not this signal, is what makes the work
 * durable. One signal per queue (deliveries, mail).
 */
export class RunnerNudge {
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` at each nudge until the answered function is called. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  nudge(): void {
    for (const listener of this.listeners) listener();
  }
}
