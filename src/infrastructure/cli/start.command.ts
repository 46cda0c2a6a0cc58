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
import { AccountSeeder, HttpApp, PeriodicTasks } from '../container/tokens';
import type { ProcessLifecycle } from '../process/process-lifecycle';

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
  const fail = (error: unknown): void => {
    options.stderr.write(`pumphouse: ${describeFailure(error)}\n`);
    options.lifecycle.exit(1);
  };

  let config: PumphouseConfig;
  try {
    config = loadConfig({ configFile: options.configFile, env: options.env, cwd: options.cwd });
  } catch (error) {
    fail(error);
    return;
  }

  const container = createContainer(config, options.overrides);
  let storage: Storage;
  try {
    storage = container.get<Storage>(Storage);
  } catch (error) {
    fail(error);
    return;
  }
  const logger = container.get<Logger>(Logger);

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

  let server: RunningHttpServer;
  try {
    const listener = container.get<Express>(HttpApp);
    server = await startHttpServer({
      listener,
      address: config.address,
      port: config.port,
      tls: readTls(config),
    });
  } catch (error) {
    await storage.close();
    fail(error instanceof StartupError ? error : listenFailure(error, config));
    return;
  }

  const background = new BackgroundTasks(
    container.get<BackgroundTask[]>(PeriodicTasks),
    logger.child({ component: 'background' }),
  );
  background.start();

  logger.info(
    { url: config.publicBaseUrl, listen: server.listenUrl, driver: config.driver, dataDir: config.dataDir },
    `Pumphouse is listening on ${server.listenUrl}; its public URL is ${config.publicBaseUrl}`,
  );

  options.lifecycle.onShutdownSignal((signal) => {
    logger.info({ signal }, 'stopping: finishing the requests in flight');
    void (async () => {
      try {
        await server.close(SHUTDOWN_GRACE_MS);
        // Periodic work may be in the middle of a transaction: let it end before the store closes.
        await background.stop();
        await storage.close();
        logger.info({}, 'stopped');
        options.lifecycle.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'could not stop cleanly');
        options.lifecycle.exit(1);
      }
    })();
  });
}
