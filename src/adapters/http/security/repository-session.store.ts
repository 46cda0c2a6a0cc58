import session from 'express-session';

import type { Clock } from '../../../application/ports/clock.port';
import type { SessionRepository } from '../../../application/ports/storage/session-repository.port';

type Done = (error?: unknown) => void;

/**
 * The express-session Store over the {@link SessionRepository} port, so every worker (and every machine on a
 * shared store) sees the same sessions (docs/runtime.md §5.1: the default MemoryStore is per process).
 *
 * Invariants: the expiry of a stored session is the store clock's now plus the cookie's maximum age, written on
 * every `set` and `touch` (a rolling expiry); the port never serves, nor revives through `touch`, a session
 * whose expiry has passed, so an expired session reads as none and its browser starts anew; errors of the port
 * reach express-session, which passes them to the error handler.
 */
export class RepositorySessionStore extends session.Store {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
  ) {
    super();
  }

  override get(sid: string, callback: (error: unknown, data?: session.SessionData | null) => void): void {
    this.sessions.get(sid, this.clock.now()).then(
      (data) => callback(null, (data as session.SessionData | null) ?? null),
      (error: unknown) => callback(error),
    );
  }

  override set(sid: string, data: session.SessionData, callback?: Done): void {
    // JSON round trip: the Cookie object serialises itself (toJSON), and the port stores plain JSON.
    const plain = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
    this.sessions.set(sid, plain, this.expiry(data)).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  override touch(sid: string, data: session.SessionData, callback?: Done): void {
    this.sessions.touch(sid, this.expiry(data), this.clock.now()).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  override destroy(sid: string, callback?: Done): void {
    this.sessions.destroy(sid).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  private expiry(data: session.SessionData): Date {
    const maxAge = data.cookie?.originalMaxAge ?? this.maxAgeMs;
    return new Date(this.clock.now().getTime() + maxAge);
  }
}
