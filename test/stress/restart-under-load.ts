/**
 * `npm run test:restart-under-load`: the zero-downtime restart test (test/e2e/cluster/rolling-restart.test.ts), run
 * again and again while busy processes started here compete for the CPU, as on a loaded CI machine. Exits 0 only
 * if every run passed; stops at the first failure and prints its output.
 *
 * Settings (environment): RESTART_LOAD_RUNS (default 10), RESTART_LOAD_BUSY (busy processes, default 2 per core).
 * Expects a fresh build (the npm script builds first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const TEST = 'test/e2e/cluster/rolling-restart.test.ts';
const RUNS = positive(process.env.RESTART_LOAD_RUNS, 10);
const BUSY = positive(process.env.RESTART_LOAD_BUSY, 2 * cpus().length);
/** One run is cut after this long (the test itself allows 300 s). */
const RUN_LIMIT_MS = 6 * 60_000;

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/**
 * A process that spins until `ms` have passed or its parent is gone, whichever comes first: contention that
 * cannot outlive the script, even if the script is killed with SIGKILL.
 */
function startBusyProcess(ms: number): ChildProcess {
  const code = `
    const end = Date.now() + ${ms};
    const parent = process.ppid;
    while (Date.now() < end && process.ppid === parent) for (let i = 0; i < 1e6; i += 1);`;
  return spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
}

/** Runs the restart test once; resolves with whether it passed and what it printed. */
function runTestOnce(): Promise<{ passed: boolean; output: string }> {
  return new Promise((resolve) => {
    const jest = spawn(
      process.execPath,
      [require.resolve('jest/bin/jest'), '--selectProjects', 'e2e', '--runTestsByPath', TEST],
      { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    jest.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    jest.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const limit = setTimeout(() => {
      output += `\n(cut after ${RUN_LIMIT_MS} ms)\n`;
      jest.kill('SIGKILL');
    }, RUN_LIMIT_MS);
    jest.once('exit', (code) => {
      clearTimeout(limit);
      resolve({ passed: code === 0, output });
    });
  });
}

async function main(): Promise<number> {
  const busy = Array.from({ length: BUSY }, () => startBusyProcess(RUNS * RUN_LIMIT_MS + 60_000));
  const stopBusy = () => busy.forEach((child) => child.exitCode === null && child.kill('SIGKILL'));
  process.once('SIGINT', () => (stopBusy(), process.exit(130)));
  process.once('SIGTERM', () => (stopBusy(), process.exit(143)));
  console.log(`${TEST}: ${RUNS} runs, ${BUSY} busy processes on ${cpus().length} cores`);
  try {
    for (let run = 1; run <= RUNS; run += 1) {
      const started = Date.now();
      const { passed, output } = await runTestOnce();
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      console.log(`run ${run}/${RUNS}: ${passed ? 'passed' : 'FAILED'} in ${seconds} s`);
      if (!passed) {
        console.log(output);
        return 1;
      }
    }
    console.log(`all ${RUNS} runs passed`);
    return 0;
  } finally {
    stopBusy();
  }
}

void main().then((code) => (process.exitCode = code));
