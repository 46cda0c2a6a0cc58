import type { IncomingMessage, ServerResponse } from 'node:http';

import { startHttpServer, type RunningHttpServer } from './http-server';

/** Options of {@link startBounceServer}. */
export interface BounceServerOptions {
  readonly address: string;
  /** The plain-HTTP port (`bouncePort`, 80 by default); 0 picks a free one (tests). */
  readonly port: number;
  /** The configured public host name: the only host redirected to. */
  readonly hostname: string;
  /** The HTTPS port in the public URL (`urlPort`); left out when 443. */
  readonly urlPort: number;
}

/**
 * The `Location` for a request: https on the configured host and port, with the request's path and query. The
 * Host header is never used (pump.io's bounce was an open redirect through it), and a request target that is not
 * a path (absolute-form `http://elsewhere/`, or `*`) is sent to the root.
 */
export function bounceLocation(
  options: Pick<BounceServerOptions, 'hostname' | 'urlPort'>,
  url: string | undefined,
): string {
  const host = options.hostname.includes(':') ? `[${options.hostname}]` : options.hostname;
  const port = options.urlPort === 443 ? '' : `:${options.urlPort}`;
  const path = url !== undefined && url.startsWith('/') ? url : '/';
  return `https://${host}${port}${path}`;
}

/**
 * The bounce server: plain HTTP that answers every request with a 301 to the HTTPS site (docs/runtime.md §2),
 * with an empty body. It drains like the main server when the worker leaves the pool.
 */
export function startBounceServer(options: BounceServerOptions): Promise<RunningHttpServer> {
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    res.statusCode = 301;
    res.setHeader('Location', bounceLocation(options, req.url));
    res.setHeader('Content-Length', '0');
    res.end();
  };
  return startHttpServer({ listener, address: options.address, port: options.port, tls: null });
}
