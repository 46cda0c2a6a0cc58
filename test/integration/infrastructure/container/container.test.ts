import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Clock } from '../../../../src/application/ports/clock.port';
import { IdGenerator } from '../../../../src/application/ports/id-generator.port';
import { Logger } from '../../../../src/application/ports/logger.port';
import { PasswordHasher } from '../../../../src/application/ports/password-hasher.port';
import { ActivityRepository } from '../../../../src/application/ports/storage/activity-repository.port';
import { FollowGraph } from '../../../../src/application/ports/storage/follow-graph.port';
import { JobQueue } from '../../../../src/application/ports/storage/job-queue.port';
import { NonceRepository } from '../../../../src/application/ports/storage/nonce-repository.port';
import { OAuthClientRepository } from '../../../../src/application/ports/storage/oauth-client-repository.port';
import { OAuthTokenRepository } from '../../../../src/application/ports/storage/oauth-token-repository.port';
import { ObjectRepository } from '../../../../src/application/ports/storage/object-repository.port';
import { SessionRepository } from '../../../../src/application/ports/storage/session-repository.port';
import { StreamRepository } from '../../../../src/application/ports/storage/stream-repository.port';
import { Storage, UnitOfWork } from '../../../../src/application/ports/storage/unit-of-work.port';
import { UserRepository } from '../../../../src/application/ports/storage/user-repository.port';
import { ConfigError } from '../../../../src/infrastructure/config/config-error';
import { loadConfig } from '../../../../src/infrastructure/config/config.loader';
import { PumphouseConfig } from '../../../../src/infrastructure/config/pumphouse-config';
import { createContainer } from '../../../../src/infrastructure/container/container';
import type { BackgroundTask } from '../../../../src/infrastructure/background/background-tasks';
import { HttpApp, PeriodicTasks } from '../../../../src/infrastructure/container/tokens';
import { RecordingLogger } from '../../../integration/http/recording-logger';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pumphouse-container-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const config = (env: Record<string, string>) =>
  loadConfig({ env: { PUMPHOUSE_SECRET: 'test secret', ...env }, cwd });

const REPOSITORIES = [
  [UserRepository, 'users'],
  [ObjectRepository, 'objects'],
  [ActivityRepository, 'activities'],
  [StreamRepository, 'streams'],
  [FollowGraph, 'follows'],
  [OAuthClientRepository, 'clients'],
  [OAuthTokenRepository, 'tokens'],
  [NonceRepository, 'nonces'],
  [SessionRepository, 'sessions'],
  [JobQueue, 'jobs'],
] as const;

describe('the composition root', () => {
  it('binds every port, each repository to the member of the one opened Storage', async () => {
    const container = createContainer(config({ PUMPHOUSE_DRIVER: 'memory' }), {
      logger: new RecordingLogger(),
    });
    const storage = container.get<Storage>(Storage);
    try {
      expect(container.get(Storage)).toBe(storage);
      expect(container.get(UnitOfWork)).toBe(storage);
      for (const [token, member] of REPOSITORIES) expect(container.get(token)).toBe(storage[member]);
      expect(container.get<Clock>(Clock).now()).toBeInstanceOf(Date);
      expect(container.get<IdGenerator>(IdGenerator).uuid()).toHaveLength(22);
      expect(container.get(PasswordHasher)).toBeDefined();
      expect(container.get(Logger)).toBeInstanceOf(RecordingLogger);
      expect(container.get<PumphouseConfig>(PumphouseConfig).driver).toBe('memory');
      expect(typeof container.get(HttpApp)).toBe('function');
    } finally {
      await storage.close();
    }
  });

  it('hashes passwords with the configured cost', async () => {
    const container = createContainer(config({ PUMPHOUSE_DRIVER: 'memory', PUMPHOUSE_BCRYPT_COST: '4' }));
    expect(await container.get<PasswordHasher>(PasswordHasher).hash('x')).toMatch(/^\$2b\$04\$/);
  });

  it('opens sqlite at <dataDir>/pumphouse.sqlite, creating the data folder', async () => {
    const container = createContainer(config({ PUMPHOUSE_DATA_DIR: 'nested/data' }), {
      logger: new RecordingLogger(),
    });
    const storage = container.get<Storage>(Storage);
    try {
      await storage.users.count();
      expect(existsSync(join(cwd, 'nested', 'data', 'pumphouse.sqlite'))).toBe(true);
    } finally {
      await storage.close();
    }
  });

  it('is never handed mongodb: the configuration refuses it first, saying what to use instead', () => {
    expect(() => config({ PUMPHOUSE_DRIVER: 'mongodb' })).toThrow(ConfigError);
    expect(() => config({ PUMPHOUSE_DRIVER: 'mongodb' })).toThrow(/"mongodb" is not supported; use "sqlite"/);
  });

  it('sweeps every table that grows with anonymous traffic: nonces, sessions, request tokens, rate limits', async () => {
    const container = createContainer(config({ PUMPHOUSE_DRIVER: 'memory' }), {
      logger: new RecordingLogger(),
    });
    const storage = container.get<Storage>(Storage);
    try {
      const tasks = container.get<BackgroundTask[]>(PeriodicTasks);
      expect(tasks.map((task) => task.name)).toEqual(
        expect.arrayContaining([
          'sweep-nonces',
          'sweep-sessions',
          'sweep-request-tokens',
          'sweep-rate-limits',
          'sweep-dialback-tokens',
        ]),
      );
      const abandoned = '2020-01-01T00:00:00.000Z';
      await storage.tokens.saveRequestToken({
        token: 'abandoned',
        secret: 's',
        clientId: 'a client that never came back',
        callback: 'oob',
        verifier: null,
        nickname: null,
        created: abandoned,
        updated: abandoned,
      });
      for (const task of tasks.filter((each) => each.name.startsWith('sweep-'))) await task.run();
      expect(await storage.tokens.findRequestToken('abandoned')).toBeNull();
    } finally {
      await storage.close();
    }
  });
});
