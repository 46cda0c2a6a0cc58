import { LOG_LEVELS, type LogLevel } from '../config/config.schema';

/**
 * What the master sends a worker: stop gracefully (leave the pool), change the log level, or answer a ping (the
 * heartbeat). Every message has a `pumphouse` tag, so a stray message from some other library is never mistaken
 * for one of ours.
 */
export type MasterMessage =
  | { readonly pumphouse: 'shutdown' }
  | { readonly pumphouse: 'log-level'; readonly level: LogLevel }
  | { readonly pumphouse: 'ping'; readonly seq: number };

/**
 * What a worker tells the master: it is ready (storage open, every server listening), it cannot bind its ports
 * (a restart that meets this fails), or it answers a ping.
 */
export type WorkerMessage =
  | { readonly pumphouse: 'ready' }
  | { readonly pumphouse: 'bind-failed'; readonly reason: string }
  | { readonly pumphouse: 'pong'; readonly seq: number };

const isSeq = (value: unknown): value is number => Number.isSafeInteger(value);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when `level` is a log level a worker accepts. */
export function isLogLevel(level: unknown): level is LogLevel {
  return typeof level === 'string' && (LOG_LEVELS as readonly string[]).includes(level);
}

/** The worker message `value` is, or null for anything else (which the master logs and ignores). */
export function parseWorkerMessage(value: unknown): WorkerMessage | null {
  if (!isRecord(value)) return null;
  if (value.pumphouse === 'ready') return { pumphouse: 'ready' };
  if (value.pumphouse === 'pong' && isSeq(value.seq)) return { pumphouse: 'pong', seq: value.seq };
  if (value.pumphouse === 'bind-failed' && typeof value.reason === 'string') {
    return { pumphouse: 'bind-failed', reason: value.reason.slice(0, 500) };
  }
  return null;
}

/** The master message `value` is, or null for anything else (which the worker logs and ignores). */
export function parseMasterMessage(value: unknown): MasterMessage | null {
  if (!isRecord(value)) return null;
  if (value.pumphouse === 'shutdown') return { pumphouse: 'shutdown' };
  if (value.pumphouse === 'ping' && isSeq(value.seq)) return { pumphouse: 'ping', seq: value.seq };
  if (value.pumphouse === 'log-level' && isLogLevel(value.level)) {
    return { pumphouse: 'log-level', level: value.level };
  }
  return null;
}
