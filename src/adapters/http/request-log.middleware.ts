import type { RequestHandler } from 'express';

import type { Logger } from '../../application/ports/logger.port';

/**
 * One info line per finished request: method, path, status and duration. The query string and headers are left
 * out on purpose: they carry OAuth parameters, cookies and Authorization, which pump.io logged verbatim.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          durationMs: Math.round(durationMs * 10) / 10,
        },
        'request',
      );
    });
    next();
  };
}
