import { Router } from 'express';

import type { Logger } from '../../application/ports/logger.port';
import type { Storage } from '../../application/ports/storage/unit-of-work.port';

/** Options of {@link healthRouter}. */
export interface HealthOptions {
  /** A node that cannot write cannot serve (every post would fail), so health is a write probe, not a read. */
  readonly store: Pick<Storage, 'probeWrite'>;
  readonly logger: Logger;
  /** How long the store may take before the server reports itself unavailable. */
  readonly timeoutMs: number;
}

/**
 * `GET /api/health`: 200 `{"status":"ok"}` when the store commits a probe write in time, else 503
 * `{"status":"unavailable"}`, so a load balancer or a restart orchestrator can tell a working worker from a stuck
 * one. It says nothing about what is stored and needs no authentication.
 */
export function healthRouter(options: HealthOptions): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
    });
    try {
      await Promise.race([options.store.probeWrite(), deadline]);
      res.set('Cache-Control', 'no-store').json({ status: 'ok' });
    } catch (error) {
      options.logger.warn({ err: error }, 'health check: storage cannot write');
      res.status(503).set('Cache-Control', 'no-store').json({ status: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
