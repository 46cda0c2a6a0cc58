import { expectDomainError } from './expect-domain-error';
import { aClient } from './storage-fixtures';
import { type OpenTestStore, useTestStore } from './test-store';

/** The contract of OAuthClientRepository (oauth-client-repository.port.ts), for any adapter. */
export function describeOAuthClientRepositoryContract(open: OpenTestStore): void {
  describe('OAuthClientRepository', () => {
    const store = useTestStore(open);
    const clients = () => store().storage.clients;

    it('reads back a created client, every field included', async () => {
      const client = aClient('key-1', {
        description: 'A client with every field: ✓',
        logoUrl: 'https://client.example/logo.png',
        webfinger: 'alice@remote.example',
      });
      await clients().create(client);
      expect(await clients().findById('key-1')).toStrictEqual(client);
    });

    it('reads back a minimal client, with its null type', async () => {
      const minimal = { id: 'key-2', secret: 's', type: null, created: 'c', updated: 'u' };
      await clients().create(minimal);
      expect(await clients().findById('key-2')).toStrictEqual(minimal);
    });

    it('answers null for an unknown key', async () => {
      expect(await clients().findById('nope')).toBeNull();
    });

    it('refuses to create an existing key with conflict client.exists, keeping the first', async () => {
      await clients().create(aClient('key-1'));
      await expectDomainError(
        clients().create(aClient('key-1', { secret: 'other' })),
        'conflict',
        'client.exists',
      );
      expect((await clients().findById('key-1'))?.secret).toBe('secret-of-key-1');
    });

    it('lets exactly one of two concurrent creates of a key win', async () => {
      const outcomes = await Promise.allSettled([
        clients().create(aClient('key-1', { secret: 'first' })),
        clients().create(aClient('key-1', { secret: 'second' })),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    });

    it('replaces the whole record on update, dropping the fields it leaves out', async () => {
      await clients().create(aClient('key-1', { logoUrl: 'https://client.example/logo.png' }));
      const replacement = {
        id: 'key-1',
        secret: 'new secret',
        host: 'remote.example',
        created: 'c',
        updated: 'u2',
      };
      await clients().update(replacement);
      expect(await clients().findById('key-1')).toStrictEqual(replacement);
    });

    it('refuses to update a missing key with not-found client.not-found, creating nothing', async () => {
      await expectDomainError(clients().update(aClient('ghost')), 'not-found', 'client.not-found');
      expect(await clients().findById('ghost')).toBeNull();
    });

    it('keeps its own copy: changing a client after create or after reading does not change the store', async () => {
      const client = aClient('key-1');
      await clients().create(client);
      client.redirectUris?.push('https://evil.example/');
      const read = await clients().findById('key-1');
      read?.contacts?.push('evil@example.test');
      expect(await clients().findById('key-1')).toStrictEqual(aClient('key-1'));
    });
  });
}
