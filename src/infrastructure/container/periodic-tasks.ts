import { hostname } from 'node:os';

import { sweepExpiredNonces } from '../../adapters/auth/oauth/oauth-request-verifier';
import type { WebSecurity } from '../../adapters/http/security/web-security.factory';
import { sweepStaleRequestTokens } from '../../application/oauth/request-token-rules';
import { sweepExpiredOAuth2Grants } from '../../application/oauth2/oauth2-grant-rules';
import type { BackgroundTask } from '../background/background-tasks';
import type { Ports } from './ports';
import type { UseCases } from './use-cases';

/**
 * How often a process looks for distribution jobs nobody finished: requests fan out themselves, so these are only
 * the ones a crash interrupted.
 */
const DISTRIBUTION_POLL_MS = 5_000;

/**
 * How often a process looks for due remote deliveries (retries, paused hosts whose pause ended, jobs another process
 * queued). The deliveries this process queues wake the task at once (Publishing.deliveriesQueued).
 */
const DELIVERY_POLL_MS = 5_000;

/**
 * How often a process looks for due mail (retries, mail another process queued). The mail this process queues
 * wakes the task at once (Email.mailQueued).
 */
const MAIL_POLL_MS = 5_000;

/** How often a process looks for due fetches of remote objects (new ones, and retries whose backoff ended). */
const REMOTE_OBJECT_POLL_MS = 5_000;

/**
 * The periodic work of a server process: distribution jobs a crash left behind, due remote deliveries, due fetches
 * of remote objects, and the sweeps of everything that grows with anonymous traffic (nonces, sessions, request
 * tokens, rate limits) and with outbound federation (Dialback tokens we sent).
 */
export function buildPeriodicTasks(
  ports: Ports,
  useCases: UseCases,
  security: WebSecurity,
): BackgroundTask[] {
  const { storage, clock, config } = ports;
  const distribution = useCases.publishing.runner;
  const deliveries = useCases.deliveries.runner;
  const mail = useCases.email.runner;
  // Every worker of every machine may take a job; the holder name says which process has it.
  const holder = `${hostname()}:${process.pid}`;
  return [
    {
      name: 'distribute',
      intervalMs: DISTRIBUTION_POLL_MS,
      run: async () => void (await distribution.runDue(holder)),
    },
    {
      name: 'deliver',
      intervalMs: DELIVERY_POLL_MS,
      run: async () => void (await deliveries.runDue(holder)),
      wakeUp: (wake) => useCases.publishing.deliveriesQueued.subscribe(wake),
    },
    ...(mail === null
      ? []
      : [
          {
            name: 'mail',
            intervalMs: MAIL_POLL_MS,
            run: async () => void (await mail.runDue(holder)),
            wakeUp: (wake: () => void) => useCases.email.mailQueued.subscribe(wake),
          },
        ]),
    {
      name: 'fetch-remote-objects',
      intervalMs: REMOTE_OBJECT_POLL_MS,
      run: async () => void (await useCases.remote.runner.runDue(holder)),
    },
    {
      name: 'sweep-nonces',
      intervalMs: config.cleanupNonce,
      run: async () => void (await sweepExpiredNonces({ nonces: storage.nonces, clock })),
    },
    {
      name: 'sweep-sessions',
      intervalMs: config.cleanupSession,
      run: async () => void (await security.sweepSessions()),
    },
    // Every signed outbound request remembers its Dialback token for the receiver's ±5 minute window.
    {
      name: 'sweep-dialback-tokens',
      intervalMs: config.cleanupNonce,
      run: async () => void (await storage.dialbackTokens.sweep(clock.now())),
    },
    // Request tokens never exchanged and rate limit counters grow with anonymous traffic as nonces do.
    {
      name: 'sweep-request-tokens',
      intervalMs: config.cleanupNonce,
      run: async () => void (await sweepStaleRequestTokens({ tokens: storage.tokens, clock })),
    },
    // OAuth 2 codes never redeemed, and the hour-long tokens of clients acting for themselves.
    {
      name: 'sweep-oauth2-grants',
      intervalMs: config.cleanupNonce,
      run: async () => void (await sweepExpiredOAuth2Grants({ grants: storage.oauth2, clock })),
    },
    {
      name: 'sweep-rate-limits',
      intervalMs: config.cleanupNonce,
      run: async () => void (await security.sweepRateLimits()),
    },
  ];
}
