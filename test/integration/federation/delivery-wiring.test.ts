import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GuardedHttpClient } from '../../../src/adapters/http-client/guarded-http-client';
import type { HostResolver } from '../../../src/adapters/http-client/guarded-lookup';
import { SystemClock } from '../../../src/adapters/system/system-clock';
import { RemoteClientRepository } from '../../../src/application/ports/storage/remote-client-repository.port';
import { Storage } from '../../../src/application/ports/storage/unit-of-work.port';
import { localPerson } from '../../../src/domain/site/local-person';
import { SiteUrls } from '../../../src/domain/site/site-urls';
import type { BackgroundTask } from '../../../src/infrastructure/background/background-tasks';
import { loadConfig } from '../../../src/infrastructure/config/config.loader';
import { createContainer } from '../../../src/infrastructure/container/container';
import { PeriodicTasks } from '../../../src/infrastructure/container/tokens';
import { type UseCases, UseCasesToken } from '../../../src/infrastructure/container/use-cases';
import { RecordingLogger } from '../http/recording-logger';
import { PumpioReceiver } from './pumpio-receiver';

const resolve: HostResolver = async (hostname) => {
  if (hostname !== 'b.test')
    throw Object.assign(new Error(`no such name ${hostname}`), { code: 'ENOTFOUND' });
  return [{ address: '127.0.0.1', family: net.isIP('127.0.0.1') }];
};

describe('the composition root delivers with the pump.io transport, woken by the post', () => {
  let cwd: string;
  let receiver: PumpioReceiver;

  beforeEach(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'pumphouse-delivery-wiring-'));
    receiver = new PumpioReceiver(new SystemClock());
    await receiver.start();
  });

  afterEach(async () => {
    await receiver.stop();
    rmSync(cwd, { recursive: true, force: true });
  });

  test('a post to a remote person wakes the deliver task, whose run delivers it signed', async () => {
    const config = loadConfig({
      env: { PUMPHOUSE_SECRET: 'test secret', PUMPHOUSE_DRIVER: 'memory', PUMPHOUSE_HOSTNAME: 'a.test' },
      cwd,
    });
    const container = createContainer(config, {
      logger: new RecordingLogger(),
      outboundHttp: new GuardedHttpClient({ allowedNetworks: ['127.0.0.0/8'], resolve }),
    });
    const site = SiteUrls.fromBaseUrl(config.publicBaseUrl);
    const storage = container.get<Storage>(Storage);
    const now = new Date().toISOString();
    await storage.users.create({
      nickname: 'alice',
      passwordHash: '$2b$10$xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      profileId: site.personId('alice'),
      published: now,
      updated: now,
    });
    await storage.objects.save(localPerson(site, 'alice'));
    const bob = `acct:bob@${receiver.host}`;
    await storage.objects.save({
      id: bob,
      objectType: 'person',
      links: { 'activity-inbox': { href: receiver.url('/api/user/bob/inbox') } },
    });
    // Credentials registered earlier (the Dialback signer is not on this branch): the bound RemoteClientRepository.
    await container.get<RemoteClientRepository>(RemoteClientRepository).save({
      host: receiver.host,
      identity: 'alice@a.test',
      clientId: 'earlier',
      clientSecret: 'earlier-secret',
      created: now,
    });
    await receiver.knowClient('earlier', 'earlier-secret');

    const deliver = container.get<BackgroundTask[]>(PeriodicTasks).find((task) => task.name === 'deliver');
    let woken = 0;
    const stopWaking = deliver?.wakeUp?.(() => (woken += 1));
    const { publishing } = container.get<UseCases>(UseCasesToken);
    await publishing.postActivity.execute({
      origin: {
        kind: 'local',
        nickname: 'alice',
        principal: {
          clientId: 'client',
          user: { nickname: 'alice', personId: site.personId('alice') },
          remoteActor: null,
          generator: { id: 'urn:uuid:client', objectType: 'application', displayName: 'Client' },
        },
      },
      body: {
        verb: 'post',
        object: { objectType: 'note', content: 'hi Bob' },
        to: [{ id: bob, objectType: 'person' }],
      },
    });
    expect(woken).toBe(1);

    await deliver?.run();
    stopWaking?.();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({
      clientId: 'earlier',
      body: { object: { content: 'hi Bob' } },
    });
    await storage.close();
  });
});
