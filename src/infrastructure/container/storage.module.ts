import { ContainerModule } from 'inversify';

import { Clock } from '../../application/ports/clock.port';
import { ActivityRepository } from '../../application/ports/storage/activity-repository.port';
import { DialbackTokenRepository } from '../../application/ports/storage/dialback-token-repository.port';
import { FollowGraph } from '../../application/ports/storage/follow-graph.port';
import { JobQueue } from '../../application/ports/storage/job-queue.port';
import { NonceRepository } from '../../application/ports/storage/nonce-repository.port';
import { OAuthClientRepository } from '../../application/ports/storage/oauth-client-repository.port';
import { OAuthTokenRepository } from '../../application/ports/storage/oauth-token-repository.port';
import { OAuth2GrantRepository } from '../../application/ports/storage/oauth2-grant-repository.port';
import { ObjectRepository } from '../../application/ports/storage/object-repository.port';
import { RemoteClientRepository } from '../../application/ports/storage/remote-client-repository.port';
import { ActorKeyRepository } from '../../application/ports/storage/actor-key-repository.port';
import { SessionRepository } from '../../application/ports/storage/session-repository.port';
import { StreamRepository } from '../../application/ports/storage/stream-repository.port';
import { Storage, UnitOfWork, type Repositories } from '../../application/ports/storage/unit-of-work.port';
import { UserRepository } from '../../application/ports/storage/user-repository.port';
import { createMemoryStorage } from '../../adapters/storage/memory/memory-storage';
import { openSqliteStorage } from '../../adapters/storage/sqlite/sqlite-storage';
import { ensureDataFolder } from '../config/data-folder';
import { PumphouseConfig } from '../config/pumphouse-config';
import { StartupError } from './startup-error';

/**
 * Opens the store the `driver` setting names: `sqlite` creates the data folder and opens
 * `<dataDir>/pumphouse.sqlite`; `memory` keeps everything in this process (the config refuses any other driver).
 * Failures are StartupErrors that say what to do.
 */
export function openStorage(config: PumphouseConfig, clock: Clock): Storage {
  switch (config.driver) {
    case 'memory':
      return createMemoryStorage({ clock });
    case 'sqlite':
      try {
        ensureDataFolder(config.dataDir);
        return openSqliteStorage({ file: config.databaseFile, clock });
      } catch (error) {
        throw new StartupError(
          `cannot open the database ${config.databaseFile}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
  }
}

/** Each repository token and the member of the opened Storage that serves it. */
const REPOSITORY_TOKENS: ReadonlyArray<readonly [symbol, keyof Repositories]> = [
  [UserRepository, 'users'],
  [ObjectRepository, 'objects'],
  [ActivityRepository, 'activities'],
  [StreamRepository, 'streams'],
  [FollowGraph, 'follows'],
  [OAuthClientRepository, 'clients'],
  [OAuthTokenRepository, 'tokens'],
  [OAuth2GrantRepository, 'oauth2'],
  [NonceRepository, 'nonces'],
  [SessionRepository, 'sessions'],
  [JobQueue, 'jobs'],
  [DialbackTokenRepository, 'dialbackTokens'],
  [RemoteClientRepository, 'remoteClients'],
  [ActorKeyRepository, 'actorKeys'],
];

/**
 * Storage (opened once, on first use), UnitOfWork (the same object) and every repository port, each bound to
 * the matching member of the opened Storage so that all of them share one connection.
 */
export function storageModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<Storage>(Storage).toDynamicValue((context) =>
      openStorage(context.get<PumphouseConfig>(PumphouseConfig), context.get<Clock>(Clock)),
    );
    bind<UnitOfWork>(UnitOfWork).toService(Storage);
    for (const [token, member] of REPOSITORY_TOKENS) {
      bind(token).toDynamicValue((context) => context.get<Storage>(Storage)[member]);
    }
  });
}
