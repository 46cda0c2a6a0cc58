import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { BcryptPasswordHasher } from '../../../../src/adapters/system/bcrypt-password-hasher';
import { NodeSecretDigest } from '../../../../src/adapters/system/node-secret-digest';
import {
  SeedAccounts,
  type SeedAccountsCommand,
} from '../../../../src/application/seeding/seed-accounts.use-case';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';
import { RecordingLogger } from '../../../integration/http/recording-logger';

const site = SiteUrls.fromBaseUrl('http://localhost:4815');
const hasher = new BcryptPasswordHasher(4);
const digest = new NodeSecretDigest();

function setUp() {
  const clock = new FakeClock();
  const storage = createMemoryStorage({ clock });
  const logger = new RecordingLogger();
  return { storage, logger, seed: new SeedAccounts(storage, hasher, clock, site, logger, digest) };
}

const CONFIG: SeedAccountsCommand = {
  clients: [{ client_id: 'cid', client_secret: 'csecret', title: 'Tests', host: 'remote.example' }],
  users: [
    {
      nickname: 'crab',
      password: 'shell-fish-1',
      email: 'crab@example.net',
      tokens: [
        { token: 'tok', token_secret: 'toksecret', client_id: 'cid' },
        { token: 'bearer', client_id: 'cid', scope: 'read' },
      ],
    },
  ],
};

describe('SeedAccounts', () => {
  it('creates the clients, users with persons, OAuth 1 tokens and OAuth 2 bearer tokens (kept as digests)', async () => {
    const { storage, logger, seed } = setUp();
    const report = await seed.execute(CONFIG);
    expect(report).toEqual({
      clientsCreated: 1,
      clientsUpdated: 0,
      usersCreated: 1,
      usersUpdated: 0,
      tokensCreated: 2,
    });
    expect(await storage.clients.findById('cid')).toMatchObject({
      secret: 'csecret',
      title: 'Tests',
      host: 'remote.example',
    });
    const user = await storage.users.findByNickname('crab');
    expect(user).toMatchObject({
      email: 'crab@example.net',
      profileId: `${site.base}/api/user/crab/profile`,
    });
    expect(await hasher.verify('shell-fish-1', user?.passwordHash ?? '')).toBe(true);
    expect(await storage.objects.findById(site.personId('crab'))).toMatchObject({
      preferredUsername: 'crab',
    });
    expect(await storage.tokens.findAccessToken('tok')).toMatchObject({
      secret: 'toksecret',
      nickname: 'crab',
      clientId: 'cid',
    });
    expect(await storage.tokens.findAccessToken('bearer')).toBeNull();
    expect(await storage.oauth2.findBearerToken('bearer')).toBeNull();
    expect(await storage.oauth2.findBearerToken(digest.sha256('bearer'))).toMatchObject({
      nickname: 'crab',
      clientId: 'cid',
      scope: 'read',
      expiresAt: null,
    });
    // Config users are not listed in /api/users and get no streams.
    expect(await storage.streams.count('user:all')).toBe(0);
    expect(logger.entries.filter((entry) => entry.level === 'warn')).toEqual([]);
  });

  it('leaves a configured bearer token another user holds as it is, with a warning', async () => {
    const { storage, logger, seed } = setUp();
    await seed.execute(CONFIG);
    const report = await seed.execute({
      clients: CONFIG.clients,
      users: [{ nickname: 'squid', password: 'ink-pen-3', tokens: [{ token: 'bearer', client_id: 'cid' }] }],
    });
    expect(report).toMatchObject({ tokensCreated: 0 });
    expect(await storage.oauth2.findBearerToken(digest.sha256('bearer'))).toMatchObject({ nickname: 'crab' });
    expect(JSON.stringify(logger.entries)).toContain('already held by another user or client');
  });

  it('is idempotent: a second start changes nothing', async () => {
    const { storage, seed } = setUp();
    await seed.execute(CONFIG);
    const hash = (await storage.users.findByNickname('crab'))?.passwordHash;
    const report = await seed.execute(CONFIG);
    expect(report).toMatchObject({
      clientsCreated: 0,
      clientsUpdated: 0,
      usersCreated: 0,
      usersUpdated: 0,
      tokensCreated: 0,
    });
    expect((await storage.users.findByNickname('crab'))?.passwordHash).toBe(hash);
  });

  it('re-hashes a password changed in the config and updates a changed client', async () => {
    const { storage, seed } = setUp();
    await seed.execute(CONFIG);
    const changed: SeedAccountsCommand = {
      clients: [{ client_id: 'cid', client_secret: 'new-secret' }],
      users: [{ nickname: 'crab', password: 'other-pass-2' }],
    };
    const report = await seed.execute(changed);
    expect(report).toMatchObject({ clientsUpdated: 1, usersUpdated: 1 });
    const user = await storage.users.findByNickname('crab');
    expect(await hasher.verify('other-pass-2', user?.passwordHash ?? '')).toBe(true);
    expect((await storage.clients.findById('cid'))?.secret).toBe('new-secret');
  });

  it('refuses a bad nickname before writing anything', async () => {
    const { storage, seed } = setUp();
    await expect(
      seed.execute({ clients: CONFIG.clients, users: [{ nickname: 'api', password: 'x' }] }),
    ).rejects.toMatchObject({
      kind: 'invalid',
    });
    expect(await storage.clients.findById('cid')).toBeNull();
  });
});
