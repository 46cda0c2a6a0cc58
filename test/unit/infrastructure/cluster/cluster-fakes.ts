import type { Logger } from '../../../../src/application/ports/logger.port';
import type { MasterMessage } from '../../../../src/infrastructure/cluster/cluster-messages';
import type {
  ClusterClock,
  ClusterProcess,
  ForkedWorker,
  Timer,
  WorkerExit,
} from '../../../../src/infrastructure/cluster/cluster-process.port';

/** A process table in memory: records what the master did and lets the test play the workers. */
export class FakeCluster implements ClusterProcess {
  readonly alive = new Map<number, { pid: number; inbox: MasterMessage[] }>();
  readonly killed: number[] = [];
  /** Workers that no longer answer anything (stopped with SIGSTOP, or stuck); the others answer pings at once. */
  readonly frozen = new Set<number>();
  /** Every id in fork order. */
  readonly forked: number[] = [];
  private nextId = 1;
  private messageHandler: (id: number, message: unknown) => void = () => undefined;
  private exitHandler: (id: number, exit: WorkerExit) => void = () => undefined;

  fork(): ForkedWorker {
    const id = this.nextId++;
    this.alive.set(id, { pid: 1000 + id, inbox: [] });
    this.forked.push(id);
    return { id, pid: 1000 + id };
  }
  send(id: number, message: MasterMessage): boolean {
    const worker = this.alive.get(id);
    worker?.inbox.push(message);
    if (worker !== undefined && message.pumphouse === 'ping' && !this.frozen.has(id))
      this.say(id, { pumphouse: 'pong', seq: message.seq });
    return worker !== undefined;
  }
  kill(id: number): void {
    this.killed.push(id);
  }
  onMessage(handler: (id: number, message: unknown) => void): void {
    this.messageHandler = handler;
  }
  onExit(handler: (id: number, exit: WorkerExit) => void): void {
    this.exitHandler = handler;
  }

  /** The worker says something to the master. */
  say(id: number, message: unknown): void {
    this.messageHandler(id, message);
  }
  ready(id: number): void {
    this.say(id, { pumphouse: 'ready' });
  }
  exit(id: number, code: number | null = 0, signal: string | null = null): void {
    this.alive.delete(id);
    this.exitHandler(id, { code, signal });
  }
  /** Ids of living workers that were asked to shut down. */
  askedToStop(): number[] {
    return [...this.alive]
      .filter(([, w]) => w.inbox.some((m) => m.pumphouse === 'shutdown'))
      .map(([id]) => id);
  }
  ids(): number[] {
    return [...this.alive.keys()];
  }
  last(): number {
    return this.forked[this.forked.length - 1];
  }
}

/** A clock the test moves by hand. */
export class FakeClock implements ClusterClock {
  private time = 0;
  private timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.time;
  }
  schedule(delayMs: number, callback: () => void): Timer {
    const timer = { at: this.time + delayMs, callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }
  /** Moves time forward, firing every timer that comes due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.time = due.at;
      due.cancelled = true;
      due.callback();
    }
    this.time = end;
  }
}

/** A logger that keeps its lines. */
export class ListLogger implements Logger {
  readonly lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  debug(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'debug', message, fields });
  }
  info(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'error', message, fields });
  }
  child(): Logger {
    return this;
  }
  messages(level: string): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }
}
