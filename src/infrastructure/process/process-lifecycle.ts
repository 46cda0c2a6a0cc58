/** The signals that ask the server to stop gracefully. */
export type ShutdownSignal = 'SIGTERM' | 'SIGINT';

/**
 * The process as the server sees it: how it learns that it should stop, and how it ends. Behind an interface so
 * the start sequence can be driven by a fake in tests, and so that exactly one place touches `process.on` and
 * `process.exit` (ARCHITECTURE.md §1).
 */
export interface ProcessLifecycle {
  /**
   * Calls `handler` on the first SIGTERM or SIGINT. A second signal while the handler is still running ends the
   * process at once with exit code 1 (an admin pressing Ctrl-C twice means it).
   */
  onShutdownSignal(handler: (signal: ShutdownSignal) => void): void;
  /** Ends the process with `code`. */
  exit(code: number): void;
}

/** {@link ProcessLifecycle} over the real Node process. */
export class NodeProcessLifecycle implements ProcessLifecycle {
  onShutdownSignal(handler: (signal: ShutdownSignal) => void): void {
    let received = false;
    const onSignal = (signal: ShutdownSignal): void => {
      if (received) {
        process.exit(1);
      }
      received = true;
      handler(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  exit(code: number): void {
    process.exit(code);
  }
}
