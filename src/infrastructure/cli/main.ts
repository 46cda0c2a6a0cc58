import 'reflect-metadata';

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { ConfigError } from '../config/config-error';
import { loadConfigWithWarnings } from '../config/config.loader';
import type { PumphouseConfig } from '../config/pumphouse-config';
import { type ClusterLifecycle, NodeProcessLifecycle } from '../process/process-lifecycle';
import { ACCOUNT_COMMANDS } from './ctl-account-names';
import { USAGE } from './usage';

// Each command's module is loaded only when that command runs (docs/performance.md, "The master"): the master of
// `start` serves nothing and must not hold the web stack, the container and the store in memory, as it did when
// this file imported the worker's start.command and the ctl commands up front (100 MiB instead of 61).

/** The script workers run: the same `pumphouse` command, three folders up from src/... and dist/... alike. */
const SCRIPT = resolve(__dirname, '../../../bin/pumphouse.js');

/** The outside world of the command; tests pass their own. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly lifecycle: ClusterLifecycle;
}

/** The version in package.json, which sits three folders up from both src/infrastructure/cli and dist/... */
function version(): string {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

function nodeIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    lifecycle: new NodeProcessLifecycle(),
  };
}

/**
 * `start`: loads the config once to check it, then runs the master, which forks workers that load it again. The
 * master alone prints the warnings, so each appears once however many workers there are.
 */
async function start(configFile: string | undefined, io: CliIo): Promise<void> {
  let config: PumphouseConfig;
  try {
    const loaded = loadConfigWithWarnings({ configFile, env: io.env, cwd: io.cwd });
    config = loaded.config;
    for (const { key, message, source } of loaded.warnings)
      io.stderr.write(`pumphouse: warning: ${key} ${message} (${source})\n`);
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : String(error);
    io.stderr.write(`pumphouse: ${message}\n`);
    io.lifecycle.exit(1);
    return;
  }
  const { runMaster } = await import('../cluster/cluster-master');
  await runMaster({
    config,
    script: SCRIPT,
    workerArgs: configFile === undefined ? [] : ['-c', configFile],
    lifecycle: io.lifecycle,
    stderr: io.stderr,
  });
}

/** The hidden `worker` command the master forks: today's single-process server, reporting to the master. */
async function worker(configFile: string | undefined, io: CliIo): Promise<void> {
  const master = io.lifecycle.masterChannel();
  if (master === null) {
    io.stderr.write('pumphouse: "worker" is run by the master; use "pumphouse start"\n');
    io.lifecycle.exit(1);
    return;
  }
  // SIGUSR2 is for the master; a worker that gets it (killall -USR2 node) must not die of it.
  io.lifecycle.onRestartSignal(() => undefined);
  const { startServer } = await import('./start.command');
  await startServer({
    configFile,
    env: io.env,
    cwd: io.cwd,
    stderr: io.stderr,
    lifecycle: io.lifecycle,
    master,
  });
}

/**
 * The `pumphouse` command: `start [-c file]`, `ctl <restart|status|loglevel LEVEL|deliveries ...> [-c file]`, `--help`,
 * `--version`. A usage error prints the problem and the usage on stderr and exits 1.
 */
export async function main(argv: readonly string[], io: CliIo = nodeIo()): Promise<void> {
  const usageError = (message: string): void => {
    io.stderr.write(`pumphouse: ${message}\n\n${USAGE}`);
    io.lifecycle.exit(1);
  };

  // `ctl users|invites` read their own flags; their usage problems exit 2 (README "Admin tools").
  if (argv[0] === 'ctl' && ACCOUNT_COMMANDS.has(argv[1] ?? '')) {
    const { runCtlAccounts } = await import('./ctl-accounts.command');
    const code = await runCtlAccounts({ ...io, args: argv.slice(1) });
    if (code === 2) io.stderr.write(`\n${USAGE}`);
    io.lifecycle.exit(code);
    return;
  }

  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string', short: 'c' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        // `ctl deliveries` only.
        failed: { type: 'boolean' },
        host: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    usageError((error as Error).message);
    return;
  }
  const { values, positionals } = parsed;

  if (values.help === true) {
    io.stdout.write(USAGE);
    return;
  }
  if (values.version === true) {
    io.stdout.write(`${version()}\n`);
    return;
  }
  const [command, ...rest] = positionals;
  const deliveryFlags = [
    ...(values.failed === true ? ['--failed'] : []),
    ...(values.host === undefined ? [] : ['--host', values.host]),
  ];
  if (deliveryFlags.length > 0 && (command !== 'ctl' || rest[0] !== 'deliveries')) {
    usageError('--failed and --host belong to ctl deliveries');
    return;
  }
  if (command === 'ctl') {
    const { runCtl } = await import('./ctl.command');
    const code = await runCtl({ ...io, args: [...rest, ...deliveryFlags], configFile: values.config });
    if (code === 2) io.stderr.write(`\n${USAGE}`);
    io.lifecycle.exit(code === 2 ? 1 : code);
    return;
  }
  if (rest.length > 0 || (command !== 'start' && command !== 'worker')) {
    usageError(command === undefined ? 'no command given' : `unknown command "${positionals.join(' ')}"`);
    return;
  }
  if (command === 'start') await start(values.config, io);
  else await worker(values.config, io);
}
