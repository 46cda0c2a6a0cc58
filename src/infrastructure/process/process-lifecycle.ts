/** The signals that ask the server to stop gracefully. */
export type ShutdownSignal = 'SIGTERM' | 'SIGINT';

/**
 * The process as the server sees it: how it learns that it should stop, and how it ends. Behind an interface so
 * the start sequence can be driven by a fake in tests, and so that exactly one place touches `process.on` and
 * `process.exit` (docs/architecture.md §1).
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

/** The IPC channel of a worker to its master (node:cluster's channel, seen from the worker). */
export interface MasterChannel {
  /** Sends a message; false when the channel is already closed. Never throws. */
  send(message: unknown): boolean;
  /** Calls `handler` with every message the master sends, unvalidated. */
  onMessage(handler: (message: unknown) => void): void;
  /** Closes the channel: the worker leaves the cluster (its exit then follows once its work is done). */
  disconnect(): void;
}

/**
 * What the cluster processes need on top of {@link ProcessLifecycle}: SIGUSR2 (the master restarts its workers;
 * a worker ignores it rather than dying of Node's default action), and a worker's channel to its master.
 */
export interface ClusterLifecycle extends ProcessLifecycle {
  /** Calls `handler` on every SIGUSR2. Installing it also stops SIGUSR2 from ending the process. */
  onRestartSignal(handler: () => void): void;
  /** The channel to the master when this process was forked by one, else null. */
  masterChannel(): MasterChannel | null;
  readonly pid: number;
}

/** {@link MasterChannel} over `process.send`. */
class NodeMasterChannel implements MasterChannel {
  send(message: unknown): boolean {
    if (process.send === undefined || !process.connected) return false;
    try {
      return process.send(message as object);
    } catch {
      return false;
    }
  }
  onMessage(handler: (message: unknown) => void): void {
    process.on('message', handler);
  }
  disconnect(): void {
    if (process.connected) process.disconnect();
  }
}

/** {@link ClusterLifecycle} over the real Node process. */
export class NodeProcessLifecycle implements ClusterLifecycle {
  readonly pid = process.pid;

  onRestartSignal(handler: () => void): void {
    process.on('SIGUSR2', handler);
  }

  masterChannel(): MasterChannel | null {
    return process.send === undefined ? null : new NodeMasterChannel();
  }

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
