import pino, { type Logger as Pino } from 'pino';

import type { Logger } from '../../application/ports/logger.port';

/** Field names whose values never reach a log line, at any of the first four levels of nesting. */
export const REDACTED_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'passwordHash',
  'secret',
  'token',
  'token_secret',
  'client_secret',
  'smtppass',
] as const;

const REDACTED = '[redacted]';

function redactionPaths(): string[] {
  const segment = (name: string): string => (/^[A-Za-z_]\w*$/.test(name) ? name : `["${name}"]`);
  return REDACTED_FIELDS.flatMap((name) =>
    ['', '*.', '*.*.', '*.*.*.'].map((prefix) => `${prefix}${segment(name)}`.replace(/\.\[/g, '[')),
  );
}

/** Where log lines go: stderr, a file (appended, its folder created), or any writable for tests. */
export type LogDestination =
  | { kind: 'stderr' }
  | { kind: 'file'; path: string }
  | { kind: 'stream'; stream: { write(line: string): unknown } };

/** Options of {@link PinoLogger.create}. */
export interface PinoLoggerOptions {
  /** bunyan/pino level name; `silent` logs nothing (pump.io's `nologger`). */
  level: string;
  destination: LogDestination;
  /** The `name` field of every line. */
  name?: string;
}

/**
 * The Logger port over pino: one JSON line per entry, ISO timestamps, numeric levels as bunyan wrote them for
 * pump.io. Fields named in {@link REDACTED_FIELDS} are replaced by "[redacted]" whatever the caller passes, so a
 * careless `logger.info({ req })` cannot leak a cookie. Writes are synchronous so the last lines before an exit
 * are not lost.
 */
export class PinoLogger implements Logger {
  private constructor(private readonly pino: Pino) {}

  /** Builds the root logger. */
  static create(options: PinoLoggerOptions): PinoLogger {
    const destination =
      options.destination.kind === 'stream'
        ? options.destination.stream
        : pino.destination(
            options.destination.kind === 'file'
              ? { dest: options.destination.path, append: true, mkdir: true, sync: true, mode: 0o600 }
              : { dest: 2, sync: true },
          );
    return new PinoLogger(
      pino(
        {
          name: options.name ?? 'pumphouse',
          level: options.level,
          timestamp: pino.stdTimeFunctions.isoTime,
          redact: { paths: redactionPaths(), censor: REDACTED },
        },
        destination,
      ),
    );
  }

  debug(fields: Record<string, unknown>, message: string): void {
    this.pino.debug(fields, message);
  }

  info(fields: Record<string, unknown>, message: string): void {
    this.pino.info(fields, message);
  }

  warn(fields: Record<string, unknown>, message: string): void {
    this.pino.warn(fields, message);
  }

  error(fields: Record<string, unknown>, message: string): void {
    this.pino.error(fields, message);
  }

  child(fields: Record<string, unknown>): Logger {
    return new PinoLogger(this.pino.child(fields));
  }
}
