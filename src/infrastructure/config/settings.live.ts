import { IsInt, Max, Min } from 'class-validator';

import { acts, setting } from './setting';

/** Live updates of the web pages (server-sent events, `/main/events`). */
export const LIVE_SETTINGS = {
  livePollInterval: setting<number>()({
    checks: [IsInt(), Min(100), Max(60000)],
    env: 'integer',
    resolve: (value) => value ?? 2000,
    effect: acts(),
    readme: {
      type: 'milliseconds, 100–60000',
      default: '`2000`',
      meaning:
        'How often each worker asks the storage for the newest item of the inboxes its live pages watch (one ' +
        'query for all of them, whatever the number of open pages).',
    },
  }),
  liveHeartbeatInterval: setting<number>()({
    checks: [IsInt(), Min(100), Max(600000)],
    env: 'integer',
    resolve: (value) => value ?? 25000,
    effect: acts(),
    readme: {
      type: 'milliseconds, 100–600000',
      default: '`25000`',
      meaning:
        'How often an open live connection gets a comment line (so proxies keep it open) and has its session ' +
        'checked (a logout in another worker closes it then).',
    },
  }),
  liveConnectionsPerUser: setting<number>()({
    checks: [IsInt(), Min(1), Max(100)],
    env: 'integer',
    resolve: (value) => value ?? 8,
    effect: acts(),
    readme: {
      type: 'integer, 1–100',
      default: '`8`',
      meaning: 'Open live connections one user may hold in one worker (one per tab); more get 429.',
    },
  }),
  liveConnectionsPerWorker: setting<number>()({
    checks: [IsInt(), Min(1), Max(100000)],
    env: 'integer',
    resolve: (value) => value ?? 1000,
    effect: acts(),
    readme: {
      type: 'integer, 1–100000',
      default: '`1000`',
      meaning: 'Open live connections of one worker, all users together; more get 429.',
    },
  }),
};
