import 'reflect-metadata';

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { NodeProcessLifecycle, type ProcessLifecycle } from '../process/process-lifecycle';
import { startServer } from './start.command';
import { USAGE } from './usage';

/** The outside world of the command; tests pass their own. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly lifecycle: ProcessLifecycle;
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
 * The `pumphouse` command: `start [-c file]`, `--help`, `--version`. A usage error prints the problem and the
 * usage on stderr and exits 1.
 */
export async function main(argv: readonly string[], io: CliIo = nodeIo()): Promise<void> {
  const usageError = (message: string): void => {
    io.stderr.write(`pumphouse: ${message}\n\n${USAGE}`);
    io.lifecycle.exit(1);
  };

  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string', short: 'c' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
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
  if (positionals.length !== 1 || positionals[0] !== 'start') {
    usageError(positionals.length === 0 ? 'no command given' : `unknown command "${positionals.join(' ')}"`);
    return;
  }
  await startServer({
    configFile: values.config,
    env: io.env,
    cwd: io.cwd,
    stderr: io.stderr,
    lifecycle: io.lifecycle,
  });
}
