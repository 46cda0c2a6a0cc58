import {
  describeFailure,
  isPermanentFailure,
  retryAfterTime,
} from '../../../../src/domain/delivery/delivery-failure';
import { HostBreakers } from '../../../../src/domain/delivery/host-breakers';
import { backoffMs, decideRetry, DEFAULT_RETRY_SCHEDULE } from '../../../../src/domain/delivery/retry-policy';

const NOW = new Date('2026-01-01T00:00:00Z');
const HOUR = 3_600_000;
const http = (status: number, retryAfter?: string) =>
  retryAfter === undefined
    ? { kind: 'http' as const, status }
    : { kind: 'http' as const, status, retryAfter };

describe('retry policy', () => {
  it('treats 400, 401, 403, 404, 410 and an unknown host as permanent, and the rest as passing', () => {
    for (const status of [400, 401, 403, 404, 410]) expect(isPermanentFailure(http(status))).toBe(true);
    for (const status of [408, 429, 500, 502, 503, 504]) expect(isPermanentFailure(http(status))).toBe(false);
    expect(isPermanentFailure({ kind: 'network', reason: 'host-not-found' })).toBe(true);
    expect(isPermanentFailure({ kind: 'network', reason: 'timeout' })).toBe(false);
    expect(decideRetry(http(410), 1, NOW, 0)).toEqual({ kind: 'give-up', why: 'permanent' });
  });

  it('treats an undeliverable delivery (a refused destination, an actor that is not local) as permanent', () => {
    const undeliverable = {
      kind: 'undeliverable' as const,
      message: 'b.test resolves to 10.0.0.1 (private)',
    };
    expect(isPermanentFailure(undeliverable)).toBe(true);
    expect(decideRetry(undeliverable, 1, NOW, 0)).toEqual({ kind: 'give-up', why: 'permanent' });
    expect(describeFailure(undeliverable)).toBe('undeliverable: b.test resolves to 10.0.0.1 (private)');
  });

  it('spreads 16 attempts over at least 3 days before giving up', () => {
    let waited = 0;
    for (let attempt = 1; attempt < DEFAULT_RETRY_SCHEDULE.maxAttempts; attempt += 1)
      waited += backoffMs(attempt);
    expect(waited).toBeGreaterThanOrEqual(72 * HOUR);
    expect(decideRetry(http(503), 15, NOW, 0).kind).toBe('retry');
    expect(decideRetry(http(503), 16, NOW, 0)).toEqual({ kind: 'give-up', why: 'attempts-exhausted' });
  });

  it('doubles the wait from one minute up to 12 hours, and only lengthens it with jitter', () => {
    expect([1, 2, 3, 10, 11, 15].map((attempt) => backoffMs(attempt))).toEqual([
      60_000,
      120_000,
      240_000,
      512 * 60_000,
      12 * HOUR,
      12 * HOUR,
    ]);
    const at = (random: number) => decideRetry(http(503), 3, NOW, random);
    expect(at(0)).toEqual({ kind: 'retry', at: new Date(NOW.getTime() + 240_000) });
    expect(at(0.999)).toEqual({
      kind: 'retry',
      at: new Date(NOW.getTime() + Math.round(240_000 * (1 + 0.25 * 0.999))),
    });
  });

  it('waits for a Retry-After in seconds or as an HTTP date, shortened to one day', () => {
    expect(decideRetry(http(503, '3600'), 1, NOW, 0)).toEqual({
      kind: 'retry',
      at: new Date(NOW.getTime() + HOUR),
    });
    expect(decideRetry(http(429, 'Thu, 01 Jan 2026 05:00:00 GMT'), 1, NOW, 0)).toEqual({
      kind: 'retry',
      at: new Date(NOW.getTime() + 5 * HOUR),
    });
    expect(decideRetry(http(503, '99999999'), 1, NOW, 0)).toEqual({
      kind: 'retry',
      at: new Date(NOW.getTime() + 24 * HOUR),
    });
    // A Retry-After sooner than the backoff, in the past, or unreadable changes nothing.
    for (const value of ['1', 'Wed, 31 Dec 2025 00:00:00 GMT', 'soon']) {
      expect(decideRetry(http(503, value), 2, NOW, 0)).toEqual({
        kind: 'retry',
        at: new Date(NOW.getTime() + 120_000),
      });
    }
    expect(retryAfterTime(' 120 ', NOW)).toEqual(new Date(NOW.getTime() + 120_000));
  });
});

describe('HostBreakers', () => {
  const later = (ms: number) => new Date(NOW.getTime() + ms);

  it('opens after 5 failures in a row, admits one probe after the pause, and doubles the pause when it fails', () => {
    const breakers = new HostBreakers();
    for (let n = 0; n < 4; n += 1) breakers.failed('h', NOW);
    expect(breakers.admit('h', NOW)).toEqual({ kind: 'deliver' });
    breakers.failed('h', NOW);
    expect(breakers.blockedHosts(NOW)).toEqual(['h']);
    expect(breakers.admit('h', later(1000))).toEqual({ kind: 'paused', until: later(300_000) });
    expect(breakers.admit('h', later(300_000))).toEqual({ kind: 'probe' });
    expect(breakers.admit('h', later(300_000)).kind).toBe('paused');
    breakers.failed('h', later(300_000));
    expect(breakers.pausedUntil('h')).toEqual(later(900_000));
    expect(breakers.admit('h', later(900_000))).toEqual({ kind: 'probe' });
    breakers.succeeded('h');
    expect(breakers.blockedHosts(later(900_000))).toEqual([]);
    expect(breakers.pausedUntil('h')).toBeNull();
  });

  it('resets the count on a success, and never pauses longer than 6 hours', () => {
    const breakers = new HostBreakers();
    for (let n = 0; n < 4; n += 1) breakers.failed('h', NOW);
    breakers.succeeded('h');
    breakers.failed('h', NOW);
    expect(breakers.blockedHosts(NOW)).toEqual([]);
    for (let n = 0; n < 4; n += 1) breakers.failed('h', NOW);
    let now = NOW.getTime();
    for (let n = 0; n < 20; n += 1) {
      now = breakers.pausedUntil('h')!.getTime();
      expect(breakers.admit('h', new Date(now)).kind).toBe('probe');
      breakers.failed('h', new Date(now));
    }
    expect(breakers.pausedUntil('h')!.getTime() - now).toBe(6 * HOUR);
  });
});

describe('HostBreakers: at most one probe per host', () => {
  it('keeps a probe in flight when a late Retry-After from an earlier delivery pauses the host', () => {
    const breakers = new HostBreakers();
    const start = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 10; i += 1) breakers.failed('peer.example', start);
    const paused = breakers.pausedUntil('peer.example');
    expect(paused).not.toBeNull();
    const later = new Date(paused!.getTime() + 1);
    expect(breakers.admit('peer.example', later).kind).toBe('probe');
    // An earlier delivery's 429 arrives while the probe is out, asking for a pause that ends at once.
    breakers.pause('peer.example', later);
    const after = new Date(later.getTime() + 1);
    expect(breakers.admit('peer.example', after).kind).toBe('paused');
    expect(breakers.blockedHosts(after)).toContain('peer.example');
  });
});
