import { readFileSync } from 'node:fs';

import type { Express } from 'express';

import { Logger } from '../../application/ports/logger.port';
import { Storage } from '../../application/ports/storage/unit-of-work.port';
import { startHttpServer, type RunningHttpServer } from '../../adapters/http/http-server';
import { type BackgroundTask, BackgroundTasks } from '../background/background-tasks';
import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/config.loader';
import type { PumphouseConfig } from '../config/pumphouse-config';
import { createContainer, type ContainerOverrides } from '../container/container';
import { StartupError } from '../container/startup-error';
import type { SeedAccounts } from '../../application/seeding/seed-accounts.use-case';
import { AccountSeeder, HttpApp, LiveUpdatesToken, PeriodicTasks } from '../container/tokens';
import type { LiveUpdates } from '../../adapters/http/web/live/web-live.controller';
import type { MasterChannel, ProcessLifecycle } from '../process/process-lifecycle';
import { startBounceServer } from '../../adapters/http/bounce-server';
import { parseMasterMessage } from '../cluster/cluster-messages';
import { AdjustableLevelLogger } from '../cluster/adjustable-level-logger';
import { createProcessLogger } from '../cluster/process-logger';

/** How long in-flight requests may take to finish after a stop signal before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** What `pumphouse start` runs with. */
export interface StartOptions {
  readonly configFile?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stderr: { write(text: string): unknown };
  readonly lifecycle: ProcessLifecycle;
  readonly overrides?: ContainerOverrides;
  /**
   * Set when this process is a worker of a `pumphouse` master: it reports `ready` once storage is open and every
   * server listens (or `bind-failed`), and leaves the pool gracefully when the master says `shutdown`.
   */
  readonly master?: MasterChannel;
}

/** Messages an admin can act on; anything else also gets its stack, because it is a bug. */
function describeFailure(error: unknown): string {
  if (error instanceof ConfigError || error instanceof StartupError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function listenFailure(error: unknown, config: PumphouseConfig): StartupError {
  const where = `${config.address}:${config.port}`;
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'EADDRINUSE'
      ? 'the address is already in use; choose another "port"'
      : code === 'EACCES'
        ? 'permission denied; ports below 1024 need privileges'
        : code === 'EADDRNOTAVAIL'
          ? 'this machine has no such address; check "address"'
          : (error as Error).message;
  return new StartupError(`cannot listen on ${where}: ${reason}`, { cause: error });
}

function readTls(config: PumphouseConfig): { key: Buffer; cert: Buffer } | null {
  if (config.tls === null) return null;
  try {
    return { key: readFileSync(config.tls.keyFile), cert: readFileSync(config.tls.certFile) };
  } catch (error) {
    throw new StartupError(`cannot read the TLS files: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * `pumphouse start`: load the config, open the store, listen, log the URL; on SIGTERM/SIGINT stop accepting,
 * let in-flight requests finish, close the store and exit 0. Every failure before listening prints one message on
 * stderr and exits 1, with nothing listening and the store closed again.
 */
export async function startServer(options: StartOptions): Promise<void> {
  // Listen for a stop from the very start: a SIGTERM or a master's `shutdown` that arrives while the worker is
  // still starting is remembered and carried out once it listens, instead of being lost (the master would then
  // wait for a worker that never leaves).
  let requestedStop: Record<string, unknown> | null = null;
  let stop = (why: Record<string, unknown>): void => {
    requestedStop ??= why;
  };
  // The logger exists only once the container does; a message before that is handled without logging.
  const log: { current?: Logger } = {};
  options.lifecycle.onShutdownSignal((signal) => stop({ signal }));
  options.master?.onMessage((raw) => {
    const message = parseMasterMessage(raw);
    if (message === null) log.current?.warn({}, 'ignoring an unexpected message from the master');
    // The heartbeat: answered from the event loop, so a stopped or stuck worker does not answer.
    else if (message.pumphouse === 'ping') options.master?.send({ pumphouse: 'pong', seq: message.seq });
    else if (message.pumphouse === 'shutdown')
      stop({ reason: 'the master asked this worker to leave the pool' });
    else if (log.current instanceof AdjustableLevelLogger) log.current.setLevel(message.level);
  });

  const fail = (error: unknown, bind = false): void => {
    options.stderr.write(`pumphouse: ${describeFailure(error)}\n`);
    if (bind) options.master?.send({ pumphouse: 'bind-failed', reason: describeFailure(error) });
    options.lifecycle.exit(1);
  };

  let config: PumphouseConfig;
  try {
    config = loadConfig({ configFile: options.configFile, env: options.env, cwd: options.cwd });
  } catch (error) {
    fail(error);
    return;
  }

  // A worker's log level follows `pumphouse ctl loglevel`; tests pass their own logger.
  const workerLogger =
    options.master !== undefined && options.overrides?.logger === undefined
      ? createProcessLogger(config, 'worker')
      : undefined;
  const container = createContainer(config, {
    ...options.overrides,
    logger: workerLogger ?? options.overrides?.logger,
  });
  let storage: Storage;
  try {
    storage = container.get<Storage>(Storage);
  } catch (error) {
    fail(error);
    return;
  }
  const logger = container.get<Logger>(Logger);
  log.current = logger;

  try {
    // pump.io's `clients` and `users` settings, before anything listens: a client may use them at once.
    const report = await container
      .get<SeedAccounts>(AccountSeeder)
      .execute({ clients: config.clients, users: config.users });
    if (config.clients.length + config.users.length > 0)
      logger.info({ ...report }, 'configured accounts ready');
  } catch (error) {
    await storage.close();
    fail(new StartupError(`cannot create the configured clients and users: ${(error as Error).message}`));
    return;
  }

  const servers: RunningHttpServer[] = [];
  try {
    const listener = container.get<Express>(HttpApp);
    servers.push(
      await startHttpServer({ listener, address: config.address, port: config.port, tls: readTls(config) }),
    );
    if (config.tls !== null && config.bounce) {
      const bounce = { ...config, port: config.bouncePort };
      servers.push(
        await startBounceServer({
          address: config.address,
          port: config.bouncePort,
          hostname: config.hostname,
          urlPort: config.urlPort,
        }).catch((error: unknown) => {
          throw listenFailure(error, bounce);
        }),
      );
    }
  } catch (error) {
    await Promise.all(servers.map((running) => running.close(0)));
    await storage.close();
    fail(error instanceof StartupError ? error : listenFailure(error, config), true);
    return;
  }
  const server = servers[0];

  const background = new BackgroundTasks(
    container.get<BackgroundTask[]>(PeriodicTasks),
    logger.child({ component: 'background' }),
  );
  background.start();

  logger.info(
    { url: config.publicBaseUrl, listen: server.listenUrl, driver: config.driver, dataDir: config.dataDir },
    `Pumphouse is listening on ${server.listenUrl}; its public URL is ${config.publicBaseUrl}`,
  );

  let stopping = false;
  stop = (why: Record<string, unknown>): void => {
    if (stopping) return;
    stopping = true;
    logger.info(why, 'stopping: finishing the requests in flight');
    void (async () => {
      try {
        // Live event streams never end by themselves: closed now, their browsers reconnect to another worker
        // and resume from their Last-Event-ID while this one drains.
        container.get<LiveUpdates | null>(LiveUpdatesToken)?.connections.closeAll();
        await Promise.all(servers.map((running) => running.close(SHUTDOWN_GRACE_MS)));
        // Periodic work may be in the middle of a transaction: let it end before the store closes.
        await background.stop();
        await storage.close();
        logger.info({}, 'stopped');
        options.master?.disconnect();
        options.lifecycle.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'could not stop cleanly');
        options.lifecycle.exit(1);
      }
    })();
  };
  if (requestedStop !== null) {
    stop(requestedStop);
    return;
  }
  options.master?.send({ pumphouse: 'ready' });
}
