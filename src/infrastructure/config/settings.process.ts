import { join } from 'node:path';

import { IsBoolean, IsIn, IsInt, Matches, Max, Min } from 'class-validator';

import { nonEmptyString } from './config-validators';
import { absolutePath, acts, inert, setting } from './setting';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The control socket's file name inside the data folder when `controlSocket` is not set. */
export const CONTROL_SOCKET_FILE_NAME = 'pumphouse.sock';

const logLevelMessage = `$property must be one of ${LOG_LEVELS.join(', ')}`;

/** Logs, the master and its workers, and the periodic sweeps. */
export const PROCESS_SETTINGS = {
  logLevel: setting<LogLevel>()({
    checks: [IsIn(LOG_LEVELS, { message: logLevelMessage })],
    env: 'string',
    resolve: (value, settings): LogLevel | 'silent' =>
      settings.nologger === true ? 'silent' : (value ?? 'info'),
    effect: acts(),
    readme: {
      type: '`fatal` `error` `warn` `info` `debug` `trace`',
      default: '`info`',
      meaning: 'Log level. Logs are JSON lines (pino; bunyan-compatible levels).',
    },
  }),
  logfile: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    resolve: (value, _settings, context) => absolutePath(value, context),
    effect: acts(),
    readme: {
      type: 'path',
      default: 'none (stderr)',
      meaning: 'Append logs to this file instead of stderr.',
    },
  }),
  nologger: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    effect: acts('logLevel'),
    readme: { type: 'boolean', default: '`false`', meaning: 'No logs at all.' },
  }),
  serverUser: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    resolve: (value) => value ?? null,
    effect: inert('the server keeps running as the user that started it'),
    readme: { type: 'string', default: 'none', meaning: 'User to switch to after listening.' },
  }),
  workers: setting<number>()({
    checks: [IsInt(), Min(1), Max(64)],
    env: 'integer',
    // pump.io: CPUs - 1, which gives one worker (no restarts) on a 2-core machine. The memory driver defaults to
    // one, since each worker would hold a database of its own (a larger explicit number is refused by the checks).
    resolve: (value, settings): number => {
      const explicit = value ?? (settings.children === 0 ? undefined : settings.children);
      if (explicit !== undefined) return explicit;
      return settings.driver === 'memory' ? 1 : 2;
    },
    effect: acts(),
    readme: {
      type: 'integer 1–64',
      default: '`2`; `1` with `memory`',
      meaning:
        'Number of worker processes under the master. Restarts need 2 or more. pump.io computed this itself ' +
        '(CPUs − 1); here it is the key to set.',
    },
  }),
  children: setting<number>()({
    checks: [IsInt(), Min(0), Max(64)],
    env: 'integer',
    effect: acts('workers'),
    readme: {
      type: 'integer 0–64',
      default: 'none',
      meaning: "pump.io's name for `workers`; `0` means the default.",
    },
  }),
  restartTimeout: setting<number>()({
    checks: [IsInt(), Min(1000), Max(600000)],
    env: 'integer',
    resolve: (value) => value ?? 30000, // pump.io: hard-coded 30 s
    effect: acts(),
    readme: {
      type: 'milliseconds, 1000–600000',
      default: '`30000`',
      meaning:
        'How long a worker asked to stop may take before it is killed, and how long a new worker may take to ' +
        'become ready before the restart fails (pump.io: a fixed 30 s).',
    },
  }),
  heartbeatTimeout: setting<number>()({
    checks: [IsInt(), Min(1000), Max(600000)],
    env: 'integer',
    resolve: (value) => value ?? 20000, // pump.io: none (a stopped worker kept its connections)
    effect: acts(),
    readme: {
      type: 'milliseconds, 1000–600000',
      default: '`20000`',
      meaning:
        'The master pings each ready worker over the cluster channel; one that leaves the pings unanswered ' +
        'this long (stopped, stuck) is killed and replaced like a crashed worker.',
    },
  }),
  controlSocket: setting<string>()({
    checks: [
      ...nonEmptyString(),
      Matches(/\D/, { message: '$property must be a socket file path, not a port number' }),
    ],
    env: 'string',
    resolve: (value, _settings, context) =>
      absolutePath(value, context) ?? join(context.dataDir, CONTROL_SOCKET_FILE_NAME),
    effect: acts(),
    readme: {
      type: 'path (not a port number)',
      default: '`<dataDir>/pumphouse.sock`',
      meaning:
        'Control socket of the master, for `pumphouse ctl` (mode 0600). pump.io: `/var/run/pump.socket` or ' +
        '`/tmp/pump.socket`.',
    },
  }),
  cleanupSession: setting<number>()({
    checks: [IsInt(), Min(1)],
    env: 'integer',
    resolve: (value) => value ?? 1200000,
    effect: acts(),
    readme: { type: 'integer ms', default: '`1200000`', meaning: 'Sweep period of expired sessions.' },
  }),
  cleanupNonce: setting<number>()({
    checks: [IsInt(), Min(1)],
    env: 'integer',
    resolve: (value) => value ?? 1200000,
    effect: acts(),
    readme: {
      type: 'integer ms',
      default: '`1200000`',
      meaning: 'Sweep period of old nonces, stale request tokens and rate limit counters.',
    },
  }),
};
