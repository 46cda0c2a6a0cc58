import { SanitizeHtmlSanitizer } from '../../../../src/adapters/sanitizing/sanitize-html-sanitizer';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { BcryptPasswordHasher } from '../../../../src/adapters/system/bcrypt-password-hasher';
import { CryptoIdGenerator } from '../../../../src/adapters/system/crypto-id-generator';
import { RegisterUser } from '../../../../src/application/users/register-user.use-case';
import { userStreamName } from '../../../../src/domain/distribution/stream-names';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';
import { publishUseCase } from '../../../support/publish-use-case';

const site = SiteUrls.fromBaseUrl('https://pump.example');

function setUp(disableRegistration = false) {
  const clock = new FakeClock('2026-03-04T05:06:07.890Z');
  const storage = createMemoryStorage({ clock });
  const register = new RegisterUser(
    publishUseCase(storage, clock, site),
    new BcryptPasswordHasher(4),
    new CryptoIdGenerator(),
    clock,
    site,
    {
      siteName: 'Example Pump',
      disableRegistration,
    },
    new SanitizeHtmlSanitizer(),
  );
  return { storage, register };
}

describe('RegisterUser', () => {
  it('stores the join, the welcome note and the four list creations as pump.io does', async () => {
    const { storage, register } = setUp();
    const { view, token } = await register.execute({
      body: { nickname: 'bea', password: 'pass-word-42', _hidden: 1, settings: { a: 1 } },
      clientId: null,
    });
    expect(token).toBeNull();
    expect(view.user).toMatchObject({ profileId: 'acct:bea@pump.example', extra: { settings: { a: 1 } } });
    expect(view.user.extra).not.toHaveProperty('_hidden');
    expect(view.user.published).toBe('2026-03-04T05:06:07Z');

    const feed = await storage.streams.page(userStreamName('bea', 'outbox'), { count: 10 });
    const activities = await storage.activities.findManyByIds(feed);
    const verbs = feed.map((id) => activities.get(id)?.verb);
    expect(verbs).toEqual(['create', 'create', 'create', 'create', 'join']);
    const listIds = await storage.streams.page(userStreamName('bea', 'lists:person'), { count: 10 });
    const lists = await storage.objects.findManyByIds(listIds);
    expect([...lists.values()].map((list) => list.displayName).sort()).toEqual([
      'Acquaintances',
      'Coworkers',
      'Family',
      'Friends',
    ]);

    const [welcomeId] = await storage.streams.page(userStreamName('bea', 'inbox:direct'), { count: 10 });
    const welcome = await storage.activities.findById(welcomeId);
    expect(welcome).toMatchObject({
      verb: 'post',
      actor: { id: 'https://pump.example/', objectType: 'service' },
    });
    expect(welcome?.to).toEqual([{ id: 'acct:bea@pump.example', objectType: 'person' }]);
    const note = await storage.objects.findById(welcome?.object?.id ?? '');
    expect(note?.content).toBe('Welcome to Example Pump');
    expect(await storage.activities.findCreation(note?.id ?? '')).toMatchObject({ id: welcomeId });
    expect(await storage.objects.findById('https://pump.example/api/user/bea/followers')).toMatchObject({
      displayName: 'Followers',
      url: 'https://pump.example/bea/followers',
    });
  });

  it('refuses every registration when registration is disabled', async () => {
    const { storage, register } = setUp(true);
    await expect(
      register.execute({ body: { nickname: 'bea', password: 'pass-word-42' }, clientId: 'c' }),
    ).rejects.toMatchObject({ kind: 'forbidden', message: 'No registration allowed.' });
    expect(await storage.users.count()).toBe(0);
  });
});
