import type { Logger } from '../../application/ports/logger.port';
import type { LogLevel } from '../config/config.schema';

const RANK: Readonly<Record<LogLevel | 'silent', number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

/** The level shared by a logger and all its children. */
class LevelHolder {
  constructor(public level: LogLevel | 'silent') {}
}

/**
 * A Logger whose level can change at runtime (`pumphouse ctl loglevel`), for itself and every child made before
 * or after the change. It wraps a logger that lets everything through (built at `trace`) and filters here, since
 * a pino child keeps the level it was born with.
 */
export class AdjustableLevelLogger implements Logger {
  private readonly holder: LevelHolder;

  constructor(
    private readonly inner: Logger,
    level: LogLevel | 'silent' | LevelHolder,
  ) {
    this.holder = level instanceof LevelHolder ? level : new LevelHolder(level);
  }

  /** Sets the level; `silent` (pump.io's `nologger`) is never left, so nologger stays quiet. */
  setLevel(level: LogLevel): void {
    if (this.holder.level !== 'silent') this.holder.level = level;
  }

  private on(level: LogLevel): boolean {
    return RANK[level] >= RANK[this.holder.level];
  }

  debug(fields: Record<string, unknown>, message: string): void {
    if (this.on('debug')) this.inner.debug(fields, message);
  }
  info(fields: Record<string, unknown>, message: string): void {
    if (this.on('info')) this.inner.info(fields, message);
  }
  warn(fields: Record<string, unknown>, message: string): void {
    if (this.on('warn')) this.inner.warn(fields, message);
  }
  error(fields: Record<string, unknown>, message: string): void {
    if (this.on('error')) this.inner.error(fields, message);
  }
  child(fields: Record<string, unknown>): Logger {
    return new AdjustableLevelLogger(this.inner.child(fields), this.holder);
  }
}
