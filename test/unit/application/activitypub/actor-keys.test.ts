import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { ActorKeys } from '../../../../src/application/activitypub/actor-keys';
import type {
  GeneratedKeyPair,
  KeyPairGenerator,
} from '../../../../src/application/ports/key-pair-generator.port';
import type { UserRepository } from '../../../../src/application/ports/storage/user-repository.port';
import { isDomainError } from '../../../../src/domain/errors/domain-error';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';

const site = SiteUrls.fromBaseUrl('https://house.test');

/** Hands out numbered fake pairs; records how many it made. */
class CountingGenerator implements KeyPairGenerator {
  made = 0;
  generate(): Promise<GeneratedKeyPair> {
    this.made += 1;
    return Promise.resolve({
      publicKeyPem: `PUBLIC ${this.made}`,
      privateKeyPem: `-----BEGIN PRIVATE KEY-----\nSECRET ${this.made}\n-----END PRIVATE KEY-----`,
    });
  }
}

function setUp() {
  const storage = createMemoryStorage({ clock: new FakeClock('2026-12-01T00:00:00.000Z') });
  const users = {
    findByNickname: (nickname: string) => Promise.resolve(nickname === 'alice' ? { nickname } : null),
  } as unknown as UserRepository;
  const generator = new CountingGenerator();
  const keys = new ActorKeys({ users, actorKeys: storage.actorKeys }, generator, new FakeClock(), site);
  return { storage, generator, keys };
}

describe('ActorKeys', () => {
  it('makes a pair the first time a user key is asked for, and keeps it', async () => {
    const { storage, generator, keys } = setUp();
    expect(await storage.actorKeys.find('alice')).toBeNull();
    const published = await keys.publishedKeyOf('alice');
    expect(published).toEqual({
      id: 'https://house.test/alice#main-key',
      owner: 'https://house.test/alice',
      publicKeyPem: 'PUBLIC 1',
    });
    expect(await keys.publishedKeyOf('alice')).toEqual(published);
    expect((await keys.signingKeyOf('alice')).privateKeyPem).toContain('SECRET 1');
    expect(generator.made).toBe(1);
    expect(await storage.actorKeys.find('alice')).toMatchObject({ publicKeyPem: 'PUBLIC 1' });
  });

  it('gives racing first callers the one stored pair', async () => {
    const { storage, keys } = setUp();
    const [a, b] = await Promise.all([keys.signingKeyOf('alice'), keys.signingKeyOf('alice')]);
    expect(a).toEqual(b);
    expect((await storage.actorKeys.find('alice'))?.privateKeyPem).toBe(a.privateKeyPem);
  });

  it('never puts the private key in what it publishes', async () => {
    const { keys } = setUp();
    expect(JSON.stringify(await keys.publishedKeyOf('alice'))).not.toMatch(/PRIVATE|SECRET/);
  });

  it('signs as the key id the actor document publishes', async () => {
    const { keys } = setUp();
    expect((await keys.signingKeyOf('alice')).keyId).toBe((await keys.publishedKeyOf('alice')).id);
  });

  it('refuses a nickname without a user, and makes no pair for it', async () => {
    const { storage, generator, keys } = setUp();
    const error = await keys.publishedKeyOf('nobody').catch((caught: unknown) => caught);
    expect(isDomainError(error, 'not-found')).toBe(true);
    expect(generator.made).toBe(0);
    expect(await storage.actorKeys.find('nobody')).toBeNull();
  });
});
