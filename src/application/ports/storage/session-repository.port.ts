/**
 * Web sessions, shared by every worker.
 *
 * Every adapter honours: `get` returns null for an unknown or expired session (an expired session is never served,
 * swept or not); `set` upserts the data and expiry; `touch` moves the expiry of an existing session and answers
 * whether it existed; `sweep` removes sessions that expired before `now` and answers how many, at a cost that
 * depends on what it removes.
 */
export interface SessionRepository {
  get(sid: string, now: Date): Promise<Record<string, unknown> | null>;
  set(sid: string, data: Record<string, unknown>, expiresAt: Date): Promise<void>;
  touch(sid: string, expiresAt: Date): Promise<boolean>;
  destroy(sid: string): Promise<void>;
  sweep(now: Date): Promise<number>;
}
export const SessionRepository = Symbol('SessionRepository');
