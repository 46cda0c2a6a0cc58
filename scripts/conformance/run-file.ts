import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Workspace } from './workspace';
import { parseVowsOutput, type FileResult } from './vows-results';

/** One server start the launcher seam recorded (servers.jsonl). */
export interface ServerStart {
  readonly server: number;
  readonly outcome: 'listening' | 'refused' | 'no answer';
  readonly config: Record<string, unknown>;
  readonly strippedVariables: readonly string[];
  readonly output?: string;
}

export interface FileRun extends FileResult {
  readonly file: string;
  /** Its vows output and its servers' folders, configs and output. */
  readonly folder: string;
  readonly timedOut: boolean;
  readonly exitCode: number | null;
  readonly seconds: number;
  readonly servers: readonly ServerStart[];
  /** The answers of 400 or more the test read, once each: `POST /api/... 400 {"error": ...}`. */
  readonly errorAnswers: readonly string[];
}

export interface RunOptions {
  readonly workspace: Workspace;
  readonly work: string;
  readonly pumpioNode: string;
  readonly pumphouseNode: string;
  readonly pumphouseBin: string;
  readonly deadlineSeconds: number;
}

/** Variables no test process or server may see: pump.io and Pumphouse both read their configuration from them. */
export const SERVER_CONFIG_VARIABLES = /^(PUMPIO_|PUMPHOUSE_)/;

const running = new Set<ChildProcess>();

/**
 * Stops the files still running: timeout(1) passes the signal to unshare, whose namespace (and every process in
 * it) ends with it.
 */
export function stopRunningFiles(): void {
  for (const child of running) child.kill('SIGTERM');
}

/**
 * Runs one pump.io e2e file with vows, alone in a private network, mount and PID namespace: its fixed ports
 * (4815, 4816, 1623, 2342) are its own, /etc/hosts has pump.io's test names, and every process it started dies
 * with the namespace when the file ends or its deadline passes.
 */
export async function runFile(file: string, index: number, options: RunOptions): Promise<FileRun> {
  // Short folder names: a server's control socket is <its folder>/data/pumphouse.sock, and a Unix socket path
  // longer than 107 bytes does not fit in sockaddr_un.
  const dir = join(options.work, String(index + 1).padStart(2, '0'));
  const serversDir = dir;
  mkdirSync(serversDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!SERVER_CONFIG_VARIABLES.test(name) && name !== 'NODE_OPTIONS') env[name] = value;
  }
  Object.assign(env, {
    NODE_PATH: options.workspace.nodePath,
    CONFORMANCE_PUMPHOUSE_NODE: options.pumphouseNode,
    CONFORMANCE_PUMPHOUSE_BIN: options.pumphouseBin,
    CONFORMANCE_SERVERS_DIR: serversDir,
  });
  const inside =
    'ip link set lo up && mount --bind "$1" /etc/hosts && cd "$2" && ' +
    'exec "$3" node_modules/vows/bin/vows --json --no-color "test/$4"';
  const args = [
    '--kill-after=10',
    String(options.deadlineSeconds),
    'unshare',
    '--net',
    '--mount',
    '--pid',
    '--fork',
    '--mount-proc',
    '--kill-child',
    '--',
    'bash',
    '-c',
    inside,
    'conformance',
    options.workspace.hostsFile,
    options.workspace.pumpio,
    options.pumpioNode,
    file,
  ];
  const outputFile = join(dir, 'vows-output.txt');
  const output = createWriteStream(outputFile);
  const begun = Date.now();
  const child = spawn('timeout', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(output, { end: false });
  child.stderr.pipe(output, { end: false });
  running.add(child);
  const exitCode = await new Promise<number | null>((resolve) =>
    child.once('close', (code) => resolve(code)),
  );
  running.delete(child);
  await new Promise<void>((resolve) => output.end(() => resolve()));
  const result = parseVowsOutput(readFileSync(outputFile, 'utf8'));
  return {
    ...result,
    file,
    folder: dir,
    // timeout(1) exits 124 when the deadline passed (137 when it had to kill).
    timedOut: exitCode === 124 || exitCode === 137,
    exitCode,
    seconds: Math.round((Date.now() - begun) / 1000),
    servers: readServerStarts(join(serversDir, 'servers.jsonl')),
    errorAnswers: readErrorAnswers(join(serversDir, 'responses.jsonl')),
  };
}

function readServerStarts(file: string): ServerStart[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ServerStart);
}

function readErrorAnswers(file: string): string[] {
  if (!existsSync(file)) return [];
  const answers = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const answer = JSON.parse(line) as { method: string; path: string; status: number; body: string };
      return `${answer.method} ${answer.path} ${answer.status} ${answer.body.replace(/\s+/g, ' ').slice(0, 200)}`;
    });
  return [...new Set(answers)];
}
