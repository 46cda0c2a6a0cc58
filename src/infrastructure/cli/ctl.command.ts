import type { ClusterStatus } from '../cluster/cluster-status';
import { isLogLevel } from '../cluster/cluster-messages';
import { loadConfig } from '../config/config.loader';
import { sendControlRequest } from '../control/control-client';
import type { ControlRequest, ControlResponse } from '../control/control-protocol';
import { deliveriesRequest, runCtlDeliveries } from './ctl-deliveries.command';

/** What `pumphouse ctl` runs with. */
export interface CtlOptions {
  readonly args: readonly string[];
  readonly configFile?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** `ctl status` as lines a person reads. */
export function describeStatus(status: ClusterStatus, now = Date.now()): string {
  const lines = [
    `master pid ${status.masterPid}, ${status.workers.length}/${status.configuredWorkers} workers` +
      (status.starting ? ' (starting)' : ''),
    ...status.workers.map((w) => `  worker ${w.id}: pid ${w.pid}, ${w.state}, up ${seconds(w.uptimeMs)}`),
    status.restart.inProgress
      ? `restart: in progress, ${status.restart.remaining} worker(s) still to roll`
      : 'restart: none in progress',
  ];
  if (status.lastRestart !== null) {
    lines.push(
      `last restart: ${seconds(now - status.lastRestart.at)} ago, took ${seconds(status.lastRestart.totalMs)} ` +
        `(steps: ${status.lastRestart.stepsMs.map(seconds).join(', ')})`,
    );
  }
  lines.push(
    status.failure === null
      ? 'last failure: none'
      : `last failure: ${status.failure.reason} (${seconds(now - status.failure.at)} ago); restarts are locked`,
  );
  if (status.respawnGivenUp) lines.push('workers crashed too often: the master no longer replaces them');
  if (status.logLevel !== null) lines.push(`log level: ${status.logLevel} (set at runtime)`);
  return `${lines.join('\n')}\n`;
}

/** The request `ctl <args>` means, or a usage problem. */
export function ctlRequest(args: readonly string[]): ControlRequest | { problem: string } {
  const [command, level, ...rest] = args;
  if (command === 'restart' && level === undefined) return { command };
  if (command === 'status' && level === undefined) return { command };
  if (command === 'loglevel' && rest.length === 0) {
    if (isLogLevel(level)) return { command, level };
    return { problem: 'ctl loglevel needs one of fatal, error, warn, info, debug, trace' };
  }
  return { problem: 'ctl needs one of: restart, status, loglevel LEVEL, deliveries' };
}

/**
 * `pumphouse ctl restart|status|loglevel LEVEL [-c FILE]` (and `deliveries`, answered by the store): finds the control socket from the same config as
 * `start` and talks to the master. Answers the exit code: 0 when the master accepted, 1 when it refused (the
 * reason on stderr) or could not be reached, 2 on a usage problem.
 */
export async function runCtl(options: CtlOptions): Promise<number> {
  if (options.args[0] === 'deliveries') return runDeliveries(options);
  const request = ctlRequest(options.args);
  if ('problem' in request) {
    options.stderr.write(`pumphouse: ${request.problem}\n`);
    return 2;
  }
  let answer: ControlResponse;
  try {
    const config = loadConfig({ configFile: options.configFile, env: options.env, cwd: options.cwd });
    answer = await sendControlRequest(config.controlSocket, request);
  } catch (error) {
    options.stderr.write(`pumphouse: ${(error as Error).message}\n`);
    return 1;
  }
  if (!answer.ok) {
    options.stderr.write(`pumphouse: refused: ${answer.reason}\n`);
    return 1;
  }
  if (request.command === 'status') options.stdout.write(describeStatus(answer.status as ClusterStatus));
  else if (request.command === 'restart') options.stdout.write('restart started\n');
  else options.stdout.write(`log level set to ${request.level}\n`);
  return 0;
}

/** `ctl deliveries ...`: the store, not the master, answers (see runCtlDeliveries). */
async function runDeliveries(options: CtlOptions): Promise<number> {
  const request = deliveriesRequest(options.args.slice(1));
  if ('problem' in request) {
    options.stderr.write(`pumphouse: ${request.problem}\n`);
    return 2;
  }
  try {
    const config = loadConfig({ configFile: options.configFile, env: options.env, cwd: options.cwd });
    return await runCtlDeliveries(request, config, options);
  } catch (error) {
    options.stderr.write(`pumphouse: ${(error as Error).message}\n`);
    return 1;
  }
}
