import {
  createServer as createHttpServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  readonly listener: RequestListener;
  readonly address: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** PEM key and certificate: HTTPS when given. */
  readonly tls: { readonly key: Buffer; readonly cert: Buffer } | null;
}

/** A listening server. */
export interface RunningHttpServer {
  /** The bound address as a URL, e.g. `http://127.0.0.1:31337`. */
  readonly listenUrl: string;
  readonly port: number;
  /**
   * Stops accepting connections, lets in-flight requests finish, and closes keep-alive connections as soon as
   * they are idle (answering `Connection: close` to anything still running). After `graceMs`, whatever is left
   * is cut. Resolves when the server is closed; safe to call twice.
   */
  close(graceMs: number): Promise<void>;
}

/** Starts an HTTP(S) server and resolves once it listens; rejects with the listen error (EADDRINUSE, EACCES...). */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
    // A request that arrives on a kept-alive socket while closing is served, but the socket ends afterwards.
    if (closing) res.setHeader('Connection', 'close');
    options.listener(req, res);
  };
  const server: Server =
    options.tls === null ? createHttpServer(listener) : createHttpsServer({ ...options.tls }, listener);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.address, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port, address, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  let closed: Promise<void> | undefined;

  return {
    listenUrl: `${options.tls === null ? 'http' : 'https'}://${host}:${port}`,
    port,
    close(graceMs: number): Promise<void> {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
        const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}
