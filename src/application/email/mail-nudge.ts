/**
 * Tells this process's mail runner that mail was queued, so it goes out now rather than at the runner's next poll
 * (a person waiting for a confirmation link gets it in seconds). Other processes find the jobs at their next poll:
 * the queue, not this signal, is what makes mail durable.
 */
export class MailNudge {
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
