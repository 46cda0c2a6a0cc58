import type { Logger } from '../../../src/application/ports/logger.port';

/** One entry written to a {@link RecordingLogger}. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A Logger that keeps its entries in memory, children included, so tests can assert what was logged. */
export class RecordingLogger implements Logger {
  constructor(
    readonly entries: LogEntry[] = [],
    private readonly bound: Record<string, unknown> = {},
  ) {}

  debug(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'debug', fields: { ...this.bound, ...fields }, message });
  }
  info(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'info', fields: { ...this.bound, ...fields }, message });
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'warn', fields: { ...this.bound, ...fields }, message });
  }
  error(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'error', fields: { ...this.bound, ...fields }, message });
  }
  child(fields: Record<string, unknown>): Logger {
    return new RecordingLogger(this.entries, { ...this.bound, ...fields });
  }
}
