import type { Logger } from '../../../../application/ports/logger.port';
import type { StreamRepository } from '../../../../application/ports/storage/stream-repository.port';

/** Told that a watched stream has something new; reads it itself, from its own position. */
export type WakeUp = () => void;

/**
 * Notices new items in the streams someone in this process listens to (issue 13, live pages), and wakes their
 * listeners.
 *
 * Why one poller per process over the shared storage, and not events in memory: a post may be written by any
 * worker of any machine (or arrive by federation), and a worker may restart at any moment; the storage is the one
 * place every writer goes through and that outlives a process. Why one poll for all: each tick asks the newest
 * item of every watched stream in ONE `newestOfMany` call, so the storage load is one small query per interval
 * per process, whatever the number of connections (many tabs of one user share their stream); only the
 * connections of a stream that moved then read it, from their own position.
 *
 * Invariants: the timer runs only while something is watched (a process without listeners does no I/O); a failed
 * poll is logged and retried at the next tick; a stream is reported as moved on its first poll, so a listener
 * that joined between two ticks never misses what came in while it was reading its catch-up.
 */
export class InboxWatcher {
  private readonly listeners = new Map<string, Set<WakeUp>>();
  private readonly newest = new Map<string, string | null>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly streams: Pick<StreamRepository, 'newestOfMany'>,
    private readonly pollMs: number,
    private readonly logger: Logger,
  ) {}

  /** Wakes `wakeUp` whenever `stream` gets a new newest item; answers the call that stops it. */
  watch(stream: string, wakeUp: WakeUp): () => void {
    let set = this.listeners.get(stream);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(stream, set);
    }
    set.add(wakeUp);
    this.timer ??= setInterval(() => void this.poll(), this.pollMs);
    return () => {
      set.delete(wakeUp);
      if (set.size > 0) return;
      this.listeners.delete(stream);
      this.newest.delete(stream);
      if (this.listeners.size === 0 && this.timer !== undefined) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  private async poll(): Promise<void> {
    // A slow storage must not pile up polls: the next tick after this one finishes does the work.
    if (this.polling || this.listeners.size === 0) return;
    this.polling = true;
    try {
      const names = [...this.listeners.keys()];
      const heads = await this.streams.newestOfMany(names, 1);
      for (const name of names) {
        const head = heads.get(name)?.[0] ?? null;
        if (this.newest.has(name) && this.newest.get(name) === head) continue;
        this.newest.set(name, head);
        this.listeners.get(name)?.forEach((wakeUp) => wakeUp());
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'live updates: polling the watched streams failed');
    } finally {
      this.polling = false;
    }
  }
}
