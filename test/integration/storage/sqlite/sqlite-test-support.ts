import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../../../src/application/ports/clock.port';

const REPOSITORY_ROOT = path.resolve(__dirname, '../../../..');

/** A clock that moves only when told to, so lease expiry can be tested without waiting. */
export class FakeClock implements Clock {
  constructor(private epochMs: number) {}

  now(): Date {
    return new Date(this.epochMs);
  }

  advance(ms: number): void {
    this.epochMs += ms;
  }
}

/** A fresh folder under the OS temp dir, and the way to remove it. */
export function makeTempDir(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pumphouse-sqlite-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** What a finished helper process left behind. */
export interface ScriptResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A helper script running in its own OS process (node + ts-node, transpile only). */
export interface RunningScript {
  readonly child: ChildProcess;
  /** Resolves once a line of standard output satisfies `predicate`; rejects at the deadline or on exit first. */
  waitForLine(predicate: (line: string) => boolean, deadlineMs: number): Promise<string>;
  /** Resolves when the process has exited; kills it and rejects if it is still running at the deadline. */
  exited(deadlineMs: number): Promise<ScriptResult>;
}

/** Starts `script` (a path relative to this folder) with `args` in a new Node process. */
export function startScript(script: string, args: readonly string[]): RunningScript {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(__dirname, script), ...args],
    { cwd: REPOSITORY_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  const lineListeners = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const listener of lineListeners) listener();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<ScriptResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );

  const withDeadline = <T>(promise: Promise<T>, deadlineMs: number, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${script} did not ${what} within ${deadlineMs} ms. stderr:\n${stderr}`));
      }, deadlineMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  };

  return {
    child,
    waitForLine: (predicate, deadlineMs) => {
      const found = new Promise<string>((resolve, reject) => {
        const check = (): void => {
          const line = stdout.split('\n').find(predicate);
          if (line !== undefined) {
            lineListeners.delete(check);
            resolve(line);
          }
        };
        lineListeners.add(check);
        check();
        void exit.then(() =>
          reject(new Error(`${script} exited before the expected line. stderr:\n${stderr}`)),
        );
      });
      return withDeadline(found, deadlineMs, 'print the expected line');
    },
    exited: (deadlineMs) => withDeadline(exit, deadlineMs, 'exit'),
  };
}
