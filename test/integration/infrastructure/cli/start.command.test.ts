import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startServer } from '../../../../src/infrastructure/cli/start.command';
import type {
  ProcessLifecycle,
  ShutdownSignal,
} from '../../../../src/infrastructure/process/process-lifecycle';
import { RecordingLogger } from '../../../integration/http/recording-logger';

/** A lifecycle that records exits and lets the test send the stop signal. */
class FakeLifecycle implements ProcessLifecycle {
  readonly exits: number[] = [];
  private handler: ((signal: ShutdownSignal) => void) | undefined;
  private waiters: Array<() => void> = [];

  onShutdownSignal(handler: (signal: ShutdownSignal) => void): void {
    this.handler = handler;
  }
  exit(code: number): void {
    this.exits.push(code);
    this.waiters.splice(0).forEach((wake) => wake());
  }
  signal(signal: ShutdownSignal): void {
    if (this.handler === undefined) throw new Error('no shutdown handler was installed');
    this.handler(signal);
  }
  /** Resolves when `exit` has been called. */
  exited(): Promise<number> {
    return this.exits.length > 0
      ? Promise.resolve(this.exits[0])
      : new Promise((resolve) => this.waiters.push(() => resolve(this.exits[0])));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pumphouse-start-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('startServer', () => {
  it('listens, logs the URL, and on SIGTERM stops serving, closes the store and exits 0', async () => {
    const port = await freePort();
    const lifecycle = new FakeLifecycle();
    const logger = new RecordingLogger();
    const stderr: string[] = [];
    await startServer({
      env: { PUMPHOUSE_PORT: String(port), PUMPHOUSE_DRIVER: 'memory' },
      cwd,
      stderr: { write: (text: string) => stderr.push(text) },
      lifecycle,
      overrides: { logger },
    });
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(logger.entries.find((e) => e.fields.url === `http://localhost:${port}`)?.message).toContain(
      `http://127.0.0.1:${port}`,
    );

    lifecycle.signal('SIGTERM');
    expect(await lifecycle.exited()).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    expect(stderr).toEqual([]);
  });

  it('exits 1 with the key and source on stderr when the config is invalid, and never listens', async () => {
    const lifecycle = new FakeLifecycle();
    const stderr: string[] = [];
    const configFile = join(cwd, 'pump.io.json');
    writeFileSync(configFile, JSON.stringify({ nosuchkey: true }));
    await startServer({
      configFile,
      env: {},
      cwd,
      stderr: { write: (t: string) => stderr.push(t) },
      lifecycle,
    });
    expect(lifecycle.exits).toEqual([1]);
    expect(stderr.join('')).toContain(`nosuchkey: is not a known setting (config file ${configFile})`);
  });

  it('exits 1 naming the address when the port is taken', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const lifecycle = new FakeLifecycle();
      const stderr: string[] = [];
      await startServer({
        env: { PUMPHOUSE_PORT: String(port) },
        cwd,
        stderr: { write: (t: string) => stderr.push(t) },
        lifecycle,
        overrides: { logger: new RecordingLogger() },
      });
      expect(lifecycle.exits).toEqual([1]);
      expect(stderr.join('')).toContain(`cannot listen on 127.0.0.1:${port}: the address is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('carries out a shutdown the master sent while it was still starting, without ever saying ready', async () => {
    const port = await freePort();
    const lifecycle = new FakeLifecycle();
    const sent: unknown[] = [];
    let deliver: (message: unknown) => void = () => undefined;
    let disconnected = false;
    const starting = startServer({
      env: { PUMPHOUSE_PORT: String(port), PUMPHOUSE_DRIVER: 'memory' },
      cwd,
      stderr: { write: () => true },
      lifecycle,
      overrides: { logger: new RecordingLogger() },
      master: {
        send: (message) => sent.push(message) > 0,
        onMessage: (handler) => (deliver = handler),
        disconnect: () => void (disconnected = true),
      },
    });
    // The master's stop arrives before the worker listens (the race pumphouse start hit under SIGTERM).
    deliver({ pumphouse: 'shutdown' });
    await starting;
    expect(await lifecycle.exited()).toBe(0);
    expect(sent).not.toContainEqual({ pumphouse: 'ready' });
    expect(disconnected).toBe(true);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  });
});
