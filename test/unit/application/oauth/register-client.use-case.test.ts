import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { RegisterClient } from '../../../../src/application/oauth/register-client.use-case';
import type { IdGenerator } from '../../../../src/application/ports/id-generator.port';
import type { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { FakeClock } from '../../../support/fake-clock';

/** Predictable tokens: `t<bytes>-<n>`, so tests can tell ids from secrets. */
class CountingIds implements IdGenerator {
  private n = 0;
  uuid(): string {
    return `u${++this.n}`;
  }
  token(bytes: number): string {
    return `t${bytes}-${++this.n}`;
  }
}

describe('RegisterClient', () => {
  let storage: Storage;
  let register: RegisterClient;

  beforeEach(() => {
    const clock = new FakeClock();
    storage = createMemoryStorage({ clock });
    register = new RegisterClient(storage.clients, new CountingIds(), clock);
  });

  it('associates a client with a 16-byte id and a 32-byte secret, storing every field', async () => {
    const answer = await register.execute({
      params: {
        type: 'client_associate',
        application_name: 'Pumpa',
        application_type: 'web',
        contacts: 'a@example.com b@example.org',
        logo_url: 'https://example.com/logo.png',
        redirect_uris: 'https://example.com/cb http://localhost/cb',
      },
    });
    expect(answer).toEqual({ client_id: 't16-1', client_secret: 't32-2', expires_at: 0 });
    expect(await storage.clients.findById('t16-1')).toMatchObject({
      secret: 't32-2',
      title: 'Pumpa',
      type: 'web',
      contacts: ['a@example.com', 'b@example.org'],
      logoUrl: 'https://example.com/logo.png',
      redirectUris: ['https://example.com/cb', 'http://localhost/cb'],
    });
  });

  it.each([
    [{}, 'No registration type provided'],
    [{ type: 'client_dance' }, 'Invalid registration type'],
    [{ type: 'client_associate', client_id: 'x' }, undefined],
    [{ type: 'client_associate', client_secret: 'x' }, undefined],
    [{ type: 'client_associate', access_token: 'x' }, undefined],
    [{ type: 'client_associate', contacts: 'a@example.com,b@example.com' }, undefined],
    [{ type: 'client_associate', contacts: ['a@example.com'] }, undefined],
    [{ type: 'client_associate', contacts: 'not-an-email' }, undefined],
    [{ type: 'client_associate', application_type: 'desktop' }, undefined],
    [{ type: 'client_associate', logo_url: 'not a url' }, undefined],
    [{ type: 'client_associate', redirect_uris: 'http://a.example/http://b.example/' }, undefined],
    [{ type: 'client_associate', redirect_uris: 'ftp://a.example/' }, undefined],
  ])('refuses %j as invalid and stores nothing', async (params, message) => {
    const error = await register.execute({ params }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid', ...(message === undefined ? {} : { message }) });
    expect(await storage.clients.findById('t16-1')).toBeNull();
  });

  it('updates a client when the secret matches, keeping its credentials and nulling an absent type', async () => {
    await register.execute({ params: { type: 'client_associate', application_type: 'web' } });
    const answer = await register.execute({
      params: { type: 'client_update', client_id: 't16-1', client_secret: 't32-2', application_name: 'New' },
    });
    expect(answer).toEqual({ client_id: 't16-1', client_secret: 't32-2', expires_at: 0 });
    expect(await storage.clients.findById('t16-1')).toMatchObject({
      title: 'New',
      type: null,
      secret: 't32-2',
    });
  });

  it('refuses an update with the wrong secret (403) or of an unknown client (404), changing nothing', async () => {
    await register.execute({ params: { type: 'client_associate', application_name: 'Old' } });
    await expect(
      register.execute({
        params: { type: 'client_update', client_id: 't16-1', client_secret: 'wrong', application_name: 'X' },
      }),
    ).rejects.toMatchObject({ kind: 'forbidden', message: 'Unauthorized' });
    await expect(
      register.execute({ params: { type: 'client_update', client_id: 'nope', client_secret: 'x' } }),
    ).rejects.toMatchObject({ kind: 'not-found' });
    expect(await storage.clients.findById('t16-1')).toMatchObject({ title: 'Old' });
  });

  describe('caps on what a registration stores (issue 10)', () => {
    const huge = 'x'.repeat(1_000_000);

    it.each([
      ['application_name', { application_name: huge }],
      ['logo_url', { logo_url: `https://example.com/${huge}` }],
      ['contacts', { contacts: `${huge}@example.com` }],
      ['redirect_uris', { redirect_uris: `https://example.com/${huge}` }],
      ['application_type', { application_type: huge }],
      ['type', { type: huge }],
      ['client_id', { type: 'client_update', client_id: huge, client_secret: 's' }],
      ['client_secret', { type: 'client_update', client_id: 'c', client_secret: huge }],
    ])('refuses a megabyte-long %s with an error naming it, storing nothing', async (field, fields) => {
      const create = jest.spyOn(storage.clients, 'create');
      const update = jest.spyOn(storage.clients, 'update');
      await expect(
        register.execute({ params: { type: 'client_associate', ...fields } }),
      ).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining(field) });
      expect(create).not.toHaveBeenCalled();
      expect(update).not.toHaveBeenCalled();
    });

    it('accepts fields at their limits', async () => {
      const answer = await register.execute({
        params: {
          type: 'client_associate',
          application_name: 'n'.repeat(255),
          logo_url: `https://example.com/${'l'.repeat(2048 - 20)}`,
          contacts: Array.from({ length: 10 }, (_, i) => `c${i}@example.com`).join(' '),
          redirect_uris: Array.from({ length: 10 }, (_, i) => `https://example.com/cb${i}`).join(' '),
        },
      });
      expect(await storage.clients.findById(answer.client_id)).toMatchObject({ title: 'n'.repeat(255) });
    });

    it('refuses more than 10 contacts or redirect URIs', async () => {
      const contacts = Array.from({ length: 11 }, (_, i) => `c${i}@example.com`).join(' ');
      await expect(
        register.execute({ params: { type: 'client_associate', contacts } }),
      ).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('contacts') });
      const redirects = Array.from({ length: 11 }, (_, i) => `https://example.com/cb${i}`).join(' ');
      await expect(
        register.execute({ params: { type: 'client_associate', redirect_uris: redirects } }),
      ).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('redirect_uris') });
    });

    it.each([
      'https://app.example/cb#state',
      'https://app.example/cb#',
      'https://a.example/x https://b.example/#y',
    ])('refuses a redirect URI with a #fragment (%s), storing nothing', async (redirects) => {
      await expect(
        register.execute({ params: { type: 'client_associate', redirect_uris: redirects } }),
      ).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('redirect_uris') });
      expect(await storage.clients.findById('t16-1')).toBeNull();
    });
  });

  describe('Dialback identities (issue 12)', () => {
    const associate = { type: 'client_associate', application_type: 'web' };

    it('records the host or the webfinger a verified registration was signed as, never both', async () => {
      const host = await register.execute({
        params: associate,
        dialback: { kind: 'host', host: 'pump-a.test' },
      });
      const stored = await storage.clients.findById(host.client_id);
      expect(stored).toMatchObject({ host: 'pump-a.test' });
      expect(stored?.webfinger).toBeUndefined();
      const user = await register.execute({
        params: associate,
        dialback: { kind: 'webfinger', webfinger: 'alice@pump-a.test' },
      });
      const person = await storage.clients.findById(user.client_id);
      expect(person).toMatchObject({ webfinger: 'alice@pump-a.test' });
      expect(person?.host).toBeUndefined();
    });

    it('records neither for a plain registration, whatever its body says', async () => {
      const plain = await register.execute({
        params: { ...associate, host: 'pump-a.test', webfinger: 'alice@pump-a.test' },
      });
      const stored = await storage.clients.findById(plain.client_id);
      expect(stored?.host).toBeUndefined();
      expect(stored?.webfinger).toBeUndefined();
    });

    it('never adds or changes an identity on update, even a Dialback-signed one', async () => {
      const plain = await register.execute({ params: associate });
      const update = {
        type: 'client_update',
        client_id: plain.client_id,
        client_secret: plain.client_secret,
      };
      await register.execute({ params: update, dialback: { kind: 'host', host: 'pump-a.test' } });
      expect((await storage.clients.findById(plain.client_id))?.host).toBeUndefined();

      const alice = await register.execute({
        params: associate,
        dialback: { kind: 'webfinger', webfinger: 'alice@pump-a.test' },
      });
      await register.execute({
        params: { type: 'client_update', client_id: alice.client_id, client_secret: alice.client_secret },
        dialback: { kind: 'webfinger', webfinger: 'mallory@pump-a.test' },
      });
      const stored = await storage.clients.findById(alice.client_id);
      expect(stored).toMatchObject({ webfinger: 'alice@pump-a.test' });
      expect(stored?.host).toBeUndefined();
    });
  });
});
