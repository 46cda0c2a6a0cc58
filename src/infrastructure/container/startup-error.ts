/**
 * The server cannot start for a reason the admin can fix (a driver that is not available, a port in use, a data
 * folder it cannot write). The message says what to do; the CLI prints it and exits 1 without a stack trace.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}
