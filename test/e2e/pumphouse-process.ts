import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'pumphouse.js');
const BUILT_ENTRY = join(ROOT, 'dist', 'infrastructure', 'cli', 'main.js');

/** Fails with a clear message when the command has not been built (npm test builds it before jest). */
export function assertBuilt(): void {
  if (!existsSync(BUILT_ENTRY)) {
    throw new Error(`${BUILT_ENTRY} is missing: run "npm run build" before the e2e tests (npm test does it)`);
  }
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The environment of the test run without any PUMPIO_/PUMPHOUSE_ variable, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(PUMPIO|PUMPHOUSE)_/.test(name)),
  );
  return { ...env, ...extra };
}

/** A running `pumphouse` process and what it printed. */
export interface PumphouseProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) when the process has ended. */
  readonly exited: Promise<number | string>;
}

/** Spawns `node bin/pumphouse.js ...args` in `cwd`. */
export function spawnPumphouse(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): PumphouseProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: 'pipe',
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** The result of a plain HTTP GET: no Accept header unless given (fetch would always send one). */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A plain HTTP POST of a JSON body. */
export function httpPost(port: number, path: string, json: unknown): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(json);
    const headers = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Resolves when `/api/health` answers 200; rejects at the deadline or when the process ends first. */
export async function waitUntilHealthy(
  port: number,
  process: PumphouseProcess,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void process.exited.then(() => (ended = true));
  for (;;) {
    if (ended) throw new Error(`pumphouse exited before it was healthy:\n${process.stderr()}`);
    try {
      if ((await httpGet(port, '/api/health')).status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`pumphouse was not healthy within ${timeoutMs} ms:\n${process.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves with the exit code, or rejects if the process has not ended within the deadline. */
export function exitWithin(process: PumphouseProcess, timeoutMs: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      process.child.kill('SIGKILL');
      reject(new Error(`pumphouse did not exit within ${timeoutMs} ms:\n${process.stderr()}`));
    }, timeoutMs);
  });
  return Promise.race([process.exited, deadline]).finally(() => clearTimeout(timer));
}
