/**
 * Web sessions (their data is JSON), shared by every worker.
 *
 * Every adapter honours:
 * - a session has expired from its `expiresAt` on (`expiresAt <= now`);
 * - `get` returns null for an unknown or expired session (an expired session is never served, swept or not);
 * - `set` upserts the data and expiry;
 * - `touch` moves the expiry of a session live at `now` and answers true; for an unknown or expired one it answers
 *   false and revives nothing (a sliding expiry must not bring back a session the user already lost);
 * - `sweep` removes exactly the sessions expired at `now` and answers how many, at a cost that depends on what it
 *   removes, not on how many sessions are live;
 * - `destroyOfUser` removes every session, live or expired, whose data holds `user.nickname` equal to the nickname
 *   (the shape the web adapter logs a user in with), and answers how many: deleting an account logs it out
 *   everywhere.
 */
export interface SessionRepository {
  get(sid: string, now: Date): Promise<Record<string, unknown> | null>;
  set(sid: string, data: Record<string, unknown>, expiresAt: Date): Promise<void>;
  touch(sid: string, expiresAt: Date, now: Date): Promise<boolean>;
  destroy(sid: string): Promise<void>;
  sweep(now: Date): Promise<number>;
  destroyOfUser(nickname: string): Promise<number>;
}
export const SessionRepository = Symbol('SessionRepository');
