import type { Clock } from '../../../../application/ports/clock.port';
import type { Logger } from '../../../../application/ports/logger.port';
import type { SessionRepository } from '../../../../application/ports/storage/session-repository.port';
import type { LiveConnection } from './live-connection';

/** The limits of live updates in one process. */
export interface LiveLimits {
  /** How often the watcher asks the storage for the newest items of the watched inboxes. */
  readonly pollMs: number;
  /** How often each connection gets a comment line and has its session checked. */
  readonly heartbeatMs: number;
  /** Open event streams one user may hold in one process (tabs). */
  readonly perUser: number;
  /** Open event streams of one process, all users together. */
  readonly perProcess: number;
}

/**
 * The open event streams of this process: admission within the limits, heartbeats, and closing them when their
 * session ends.
 *
 * Invariants: no more than `perUser` streams per user and `perProcess` in all are open at once (the storage load of
 * heartbeats is bounded by them: one session lookup per stream per `heartbeatMs`); a stream whose session was
 * destroyed in this process (log out) closes at once, one whose session ended elsewhere (log out in another worker,
 * expiry) at its next heartbeat; the heartbeat timer runs only while a stream is open; `closeAll` (shutdown) closes
 * every stream, and the browsers reconnect to another worker with their `Last-Event-ID`.
 */
export class LiveConnections {
  private readonly open = new Set<LiveConnection>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly limits: LiveLimits,
    private readonly sessions: Pick<SessionRepository, 'get'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Why a new stream of `nickname` may not open now, or null when it may. */
  refusal(nickname: string): string | null {
    if (this.open.size >= this.limits.perProcess)
      return 'Too many live connections on this server; try later.';
    const ofUser = [...this.open].filter((connection) => connection.user.nickname === nickname).length;
    return ofUser >= this.limits.perUser ? 'Too many live connections for this account; close a tab.' : null;
  }

  add(connection: LiveConnection): void {
    this.open.add(connection);
    this.timer ??= setInterval(() => void this.beat(), this.limits.heartbeatMs);
  }

  remove(connection: LiveConnection): void {
    this.open.delete(connection);
    if (this.open.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Closes the streams of a session (it was just destroyed). */
  closeSession(sessionId: string): void {
    for (const connection of this.open) if (connection.sessionId === sessionId) connection.close();
  }

  closeAll(): void {
    for (const connection of this.open) connection.close();
  }

  private async beat(): Promise<void> {
    const connections = [...this.open];
    connections.forEach((connection) => connection.heartbeat());
    const now = this.clock.now();
    await Promise.all(
      connections.map(async (connection) => {
        try {
          if ((await this.sessions.get(connection.sessionId, now)) === null) connection.close();
        } catch (error) {
          this.logger.warn({ err: error }, 'live updates: checking a session failed');
        }
      }),
    );
  }
}
