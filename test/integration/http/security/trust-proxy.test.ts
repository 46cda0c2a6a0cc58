import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigError } from '../../../../src/infrastructure/config/config-error';
import { loadConfig } from '../../../../src/infrastructure/config/config.loader';
import { type FullApp, startFullApp } from '../full-app/full-app';

/**
 * Behind a reverse proxy every request comes from the proxy's address: unless the proxy is trusted to say who the
 * client is, one stranger's failed logins lock everybody out (issue 10, item 5, found again by the red team).
 */
const LOGIN_LIMIT = { login: { points: 2, durationSeconds: 900 } };

async function loginStatuses(full: FullApp, clients: readonly string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const client of clients) {
    const answer = await full
      .send('POST', '/main/login')
      .set('X-Forwarded-For', client)
      .type('form')
      .send({ nickname: 'alice', password: 'a guess' });
    statuses.push(answer.status);
  }
  return statuses;
}

describe('trustProxy', () => {
  it('counts each client behind a trusted proxy on its own', async () => {
    const full = startFullApp({ settings: { trustProxy: ['loopback'], rateLimits: LOGIN_LIMIT } });
    try {
      const statuses = await loginStatuses(full, [
        '203.0.113.1',
        '203.0.113.1',
        '203.0.113.1',
        '203.0.113.2',
      ]);
      expect(statuses[2]).toBe(429);
      expect(statuses[3]).not.toBe(429);
    } finally {
      await full.close();
    }
  });

  it('ignores X-Forwarded-For when no proxy is trusted: a forged header escapes no limit', async () => {
    const full = startFullApp({ settings: { rateLimits: LOGIN_LIMIT } });
    try {
      const statuses = await loginStatuses(full, ['203.0.113.1', '203.0.113.2', '203.0.113.3']);
      expect(statuses[2]).toBe(429);
    } finally {
      await full.close();
    }
  });

  it.each([['not an address'], [['10.0.0.0/33']], [['loopback', 5]], ['true']])(
    'refuses %j naming the key',
    (value) => {
      const cwd = mkdtempSync(join(tmpdir(), 'pumphouse-trust-proxy-'));
      try {
        expect(() =>
          loadConfig({
            env: { PUMPHOUSE_SECRET: 'a test secret', PUMPHOUSE_TRUST_PROXY: JSON.stringify(value) },
            cwd,
          }),
        ).toThrow(ConfigError);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
  );

  it('accepts a boolean and a list of addresses, ranges and range names', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pumphouse-trust-proxy-'));
    try {
      const load = (value: unknown) =>
        loadConfig({
          env: { PUMPHOUSE_SECRET: 'a test secret', PUMPHOUSE_TRUST_PROXY: JSON.stringify(value) },
          cwd,
        }).trustProxy;
      expect(load(true)).toBe(true);
      expect(load(['loopback', '10.0.0.0/8', '192.0.2.7', 'fd00::/8'])).toEqual([
        'loopback',
        '10.0.0.0/8',
        '192.0.2.7',
        'fd00::/8',
      ]);
      expect(loadConfig({ env: { PUMPHOUSE_SECRET: 'a test secret' }, cwd }).trustProxy).toBe(false);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
