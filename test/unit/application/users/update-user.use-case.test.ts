import { SanitizeHtmlSanitizer } from '../../../../src/adapters/sanitizing/sanitize-html-sanitizer';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { BcryptPasswordHasher } from '../../../../src/adapters/system/bcrypt-password-hasher';
import { CryptoIdGenerator } from '../../../../src/adapters/system/crypto-id-generator';
import type { Principal } from '../../../../src/application/auth/principal';
import { RegisterUser } from '../../../../src/application/users/register-user.use-case';
import { UpdateUser } from '../../../../src/application/users/update-user.use-case';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';
import { publishUseCase } from '../../../support/publish-use-case';

const site = SiteUrls.fromBaseUrl('https://pump.example');
const CURRENT = 'pass-word-42';
const NEW = 'brand-new-pass-7';
const bea: Principal = {
  clientId: 'some-client',
  user: { nickname: 'bea', personId: site.personId('bea') },
  remoteActor: null,
  generator: null,
};

async function setUp() {
  const clock = new FakeClock('2026-03-04T05:06:07.890Z');
  const storage = createMemoryStorage({ clock });
  const hasher = new BcryptPasswordHasher(4);
  const sanitizer = new SanitizeHtmlSanitizer();
  const ids = new CryptoIdGenerator();
  const publisher = publishUseCase(storage, clock, site, ids);
  await new RegisterUser(publisher, hasher, ids, clock, site, { siteName: 'Pump' }, sanitizer).execute({
    body: { nickname: 'bea', password: CURRENT },
    clientId: null,
  });
  const update = new UpdateUser(storage, hasher, clock, site, sanitizer);
  const passwordIs = async (password: string) =>
    hasher.verify(password, (await storage.users.findByNickname('bea'))?.passwordHash ?? '');
  const change = (body: Record<string, unknown>) =>
    update.execute({ principal: bea, nickname: 'bea', body: { nickname: 'bea', ...body } });
  return { storage, change, passwordIs };
}

describe('UpdateUser: changing a password needs proof of the current one', () => {
  it('refuses a new password without the current one, or with a wrong one, and changes nothing', async () => {
    const { storage, change, passwordIs } = await setUp();
    const before = await storage.users.findByNickname('bea');
    await expect(change({ password: NEW })).rejects.toMatchObject({
      kind: 'invalid',
      code: 'user.current-password-required',
    });
    await expect(change({ password: NEW, currentPassword: 'not-the-password-1' })).rejects.toMatchObject({
      kind: 'invalid',
      code: 'user.wrong-current-password',
    });
    await expect(change({ password: NEW, currentPassword: 42 })).rejects.toMatchObject({
      code: 'user.wrong-current-password',
    });
    expect(await passwordIs(CURRENT)).toBe(true);
    expect(await storage.users.findByNickname('bea')).toEqual(before);
  });

  it('changes the password with the current one, and never stores the current one', async () => {
    const { storage, change, passwordIs } = await setUp();
    const view = await change({ password: NEW, currentPassword: CURRENT, langs: ['fr'] });
    expect(await passwordIs(NEW)).toBe(true);
    expect(await passwordIs(CURRENT)).toBe(false);
    expect(view.user.extra).toEqual({ langs: ['fr'] });
    expect(JSON.stringify(await storage.users.findByNickname('bea'))).not.toContain(CURRENT);
  });

  it('takes the password in use as no change (pump.io clients send it on every PUT)', async () => {
    const { change, passwordIs } = await setUp();
    const view = await change({ password: CURRENT, settings: { theme: 'dark' } });
    expect(view.user.extra).toEqual({ settings: { theme: 'dark' } });
    expect(await passwordIs(CURRENT)).toBe(true);
  });
});
