import type { SentDialbackToken } from '../../../src/application/ports/storage/dialback-token-repository.port';
import type { RemoteClientCredentials } from '../../../src/application/ports/storage/remote-client-repository.port';
import { type OpenTestStore, useTestStore } from './test-store';

const at = (iso: string) => new Date(iso);

function aSentToken(overrides: Partial<SentDialbackToken> = {}): SentDialbackToken {
  return {
    url: 'http://b.test/api/client/register',
    identity: 'alice@a.test',
    token: 'AbCdEfGhIjK',
    dateMs: Date.parse('2026-01-01T00:00:00.000Z'),
    expiresAt: at('2026-01-01T00:10:00.000Z'),
    ...overrides,
  };
}

function credentials(overrides: Partial<RemoteClientCredentials> = {}): RemoteClientCredentials {
  return {
    host: 'b.test',
    identity: 'alice@a.test',
    clientId: 'client-1',
    clientSecret: 'secret-1',
    created: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The contracts of DialbackTokenRepository and RemoteClientRepository, for any adapter. */
export function describeFederationRepositoriesContract(open: OpenTestStore): void {
  describe('DialbackTokenRepository', () => {
    const store = useTestStore(open);
    const tokens = () => store().storage.dialbackTokens;
    const NOW = at('2026-01-01T00:01:00.000Z');
    const query = ({ expiresAt: _expiresAt, ...rest }: SentDialbackToken) => rest;

    it('says a remembered token was sent, with exactly its url, identity, token and date', async () => {
      const sent = aSentToken();
      expect(await tokens().wasSent(query(sent), NOW)).toBe(false);
      await tokens().remember(sent);
      expect(await tokens().wasSent(query(sent), NOW)).toBe(true);
      for (const other of [
        aSentToken({ url: 'http://c.test/api/client/register' }),
        aSentToken({ identity: 'a.test' }),
        aSentToken({ token: 'AbCdEfGhIjX' }),
        aSentToken({ dateMs: sent.dateMs + 1000 }),
      ]) {
        expect(await tokens().wasSent(query(other), NOW)).toBe(false);
      }
    });

    it('does not confuse parts whose text runs together', async () => {
      await tokens().remember(aSentToken({ url: 'http://b.test/x', identity: 'y' }));
      expect(await tokens().wasSent(query(aSentToken({ url: 'http://b.test/', identity: 'xy' })), NOW)).toBe(
        false,
      );
    });

    it('forgets a token once it expired, even before a sweep', async () => {
      const sent = aSentToken();
      await tokens().remember(sent);
      expect(await tokens().wasSent(query(sent), at('2026-01-01T00:10:00.001Z'))).toBe(false);
    });

    it('keeps the later expiry when the same token is remembered twice', async () => {
      const sent = aSentToken();
      await tokens().remember(sent);
      await tokens().remember({ ...sent, expiresAt: at('2026-01-01T00:05:00.000Z') });
      expect(await tokens().wasSent(query(sent), at('2026-01-01T00:09:00.000Z'))).toBe(true);
    });

    it('sweeps the tokens that expired before now, answering how many, and keeps the rest', async () => {
      await tokens().remember(aSentToken({ token: 'early', expiresAt: at('2026-01-01T00:02:00.000Z') }));
      await tokens().remember(aSentToken({ token: 'late', expiresAt: at('2026-01-01T00:20:00.000Z') }));
      const sweptAt = at('2026-01-01T00:05:00.000Z');
      expect(await tokens().sweep(sweptAt)).toBe(1);
      expect(await tokens().sweep(sweptAt)).toBe(0);
      expect(await tokens().wasSent(query(aSentToken({ token: 'late' })), sweptAt)).toBe(true);
    });

    it('rolls a remembered token back with the unit of work that threw', async () => {
      const sent = aSentToken();
      await expect(
        store().storage.run(async (tx) => {
          await tx.dialbackTokens.remember(sent);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await tokens().wasSent(query(sent), NOW)).toBe(false);
    });
  });

  describe('RemoteClientRepository', () => {
    const store = useTestStore(open);
    const clients = () => store().storage.remoteClients;

    it('finds saved credentials by host and identity, and nothing for another pair', async () => {
      await clients().save(credentials());
      expect(await clients().find('b.test', 'alice@a.test')).toStrictEqual(credentials());
      expect(await clients().find('b.test', 'a.test')).toBeNull();
      expect(await clients().find('c.test', 'alice@a.test')).toBeNull();
    });

    it('replaces the credentials of the same host and identity', async () => {
      await clients().save(credentials());
      await clients().save(credentials({ clientId: 'client-2', clientSecret: 'secret-2' }));
      expect(await clients().find('b.test', 'alice@a.test')).toStrictEqual(
        credentials({ clientId: 'client-2', clientSecret: 'secret-2' }),
      );
    });

    it('removes credentials only while they still carry the client id given', async () => {
      await clients().save(credentials({ clientId: 'fresh', clientSecret: 'new' }));
      expect(await clients().remove('b.test', 'alice@a.test', 'stale')).toBe(false);
      expect((await clients().find('b.test', 'alice@a.test'))?.clientId).toBe('fresh');
      expect(await clients().remove('b.test', 'alice@a.test', 'fresh')).toBe(true);
      expect(await clients().find('b.test', 'alice@a.test')).toBeNull();
      expect(await clients().remove('b.test', 'alice@a.test', 'fresh')).toBe(false);
    });

    it('keeps credentials across a reopen of the store, where the adapter keeps data', async () => {
      const { reopen, storage } = store();
      if (reopen === undefined) return;
      await clients().save(credentials());
      await storage.close();
      const again = await reopen();
      try {
        expect(await again.remoteClients.find('b.test', 'alice@a.test')).toStrictEqual(credentials());
      } finally {
        await again.close();
      }
    });
  });
}
