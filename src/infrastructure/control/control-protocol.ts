import { isLogLevel } from '../cluster/cluster-messages';
import type { LogLevel } from '../config/config.schema';

/**
 * A request on the control socket: one JSON object on one line. `restart` starts a zero-downtime restart,
 * `status` describes the cluster, `loglevel` changes the log level of every worker.
 */
export type ControlRequest =
  | { readonly command: 'restart' }
  | { readonly command: 'status' }
  | { readonly command: 'loglevel'; readonly level: LogLevel };

/** The answer, also one JSON line: `ok` with data, or not `ok` with a reason a person can act on. */
export type ControlResponse =
  | ({ readonly ok: true } & Record<string, unknown>)
  | { readonly ok: false; readonly code?: string; readonly reason: string };

/** Lines longer than this are refused and the connection is closed. */
export const MAX_CONTROL_LINE = 64 * 1024;

/** Parses one request line; answers a refusal for anything malformed. */
export function parseControlRequest(line: string): ControlRequest | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'the request is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: 'the request is not an object' };
  const { command, level } = value as Record<string, unknown>;
  if (command === 'restart' || command === 'status') return { command };
  if (command === 'loglevel') {
    return isLogLevel(level)
      ? { command, level }
      : { error: 'level must be one of fatal, error, warn, info, debug, trace' };
  }
  return { error: `unknown command ${JSON.stringify(command)}; known: restart, status, loglevel` };
}
