import {
  createServer as createHttpServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, Server as NetServer, type Socket } from 'node:net';

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
   * Leaves the pool without dropping a request: stops accepting connections at once, lets in-flight requests
   * finish, ends the open keep-alive connections one at a time (a request that arrives on one is served, and its
   * answer says `Connection: close`; at most one such answer per event-loop turn and per `releaseSpacingMs`), and
   * closes connections that stay idle for `idleGraceMs`. After `graceMs`, whatever is left is cut. Resolves when
   * every connection has ended; safe to call twice.
   */
  close(graceMs: number): Promise<void>;
}

/** How long a kept-alive connection must have been idle before a closing server ends it. */
export const DEFAULT_IDLE_GRACE_MS = 500;
/**
 * While closing, the least time between two answers that end a busy keep-alive connection. Spacing them out is
 * what keeps a drain from stalling its clients: each client whose connection ends reconnects at once, and the
 * workers left in the pool take in new connections only one per event-loop turn (libuv accepts one connection
 * per turn, and node:cluster's round robin hands a worker the next one only after it acknowledged the last), so
 * ending every connection at once queues the reconnections one turn behind each other (tens of ms each when the
 * remaining workers are busy).
 */
export const DEFAULT_RELEASE_SPACING_MS = 30;
const SWEEP_MS = 100;

interface ConnectionState {
  active: number;
  /** When its last response ended (or it opened); never before the start of the drain once closing. */
  idleSince: number;
  /** `socket.bytesRead` then: more means the next request has begun to arrive, even if its head is incomplete. */
  bytesReadWhenIdle: number;
}

/**
 * Starts an HTTP(S) server and resolves once it listens; rejects with the listen error (EADDRINUSE, EACCES...).
 *
 * Why closing is done by hand: `http.Server.close()` ends idle keep-alive connections at once, and a client may
 * have just written its next request on one of them; it then sees a reset for a request the server never read.
 * Here a connection is ended only after it has been idle for a while (as a keep-alive timeout would), and busy
 * ones end cleanly, one at a time, after a response whose `Connection: close` tells the client not to reuse them
 * (see {@link DEFAULT_RELEASE_SPACING_MS}).
 */
export async function startHttpServer(
  options: HttpServerOptions & { readonly idleGraceMs?: number; readonly releaseSpacingMs?: number },
): Promise<RunningHttpServer> {
  let closing = false;
  // While closing: the spacing between two connections ended (set by close), whether this event-loop turn
  // already ended one, and when the next one may be ended.
  let releaseSpacingMs = 0;
  let releasedThisTurn = false;
  let nextReleaseAt = 0;
  const release = (res: ServerResponse): void => {
    const now = Date.now();
    if (releasedThisTurn || now < nextReleaseAt || res.headersSent) return;
    releasedThisTurn = true;
    setImmediate(() => (releasedThisTurn = false));
    nextReleaseAt = now + releaseSpacingMs;
    res.setHeader('Connection', 'close');
  };
  const connections = new Map<Socket, ConnectionState>();
  const inFlight = new Set<ServerResponse>();
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    inFlight.add(res);
    const state = connections.get(req.socket);
    if (state !== undefined) state.active += 1;
    res.on('close', () => {
      inFlight.delete(res);
      if (state !== undefined) {
        state.active -= 1;
        state.idleSince = Date.now();
        state.bytesReadWhenIdle = req.socket.bytesRead;
      }
    });
    // A request that arrives on a kept-alive socket while closing is served; the socket may end afterwards.
    if (closing) release(res);
    options.listener(req, res);
  };
  const server: Server =
    options.tls === null ? createHttpServer(listener) : createHttpsServer({ ...options.tls }, listener);
  const connectionEvent = options.tls === null ? 'connection' : 'secureConnection';
  server.on(connectionEvent, (socket: Socket) => {
    connections.set(socket, { active: 0, idleSince: Date.now(), bytesReadWhenIdle: socket.bytesRead });
    socket.once('close', () => connections.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.address, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port, address, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  const idleGraceMs = options.idleGraceMs ?? DEFAULT_IDLE_GRACE_MS;
  let closed: Promise<void> | undefined;

  /**
   * Ends the connections idle for `idleGraceMs`. A connection on which bytes arrived since its last response is
   * not idle: a request whose head is still incomplete has not reached the listener yet, and ending the
   * connection would lose it (the grace period still bounds it).
   */
  const closeIdle = (): void => {
    const at = Date.now();
    for (const [socket, state] of connections) {
      const requestArriving = socket.bytesRead !== state.bytesReadWhenIdle;
      if (state.active === 0 && !requestArriving && at - state.idleSince >= idleGraceMs) socket.destroy();
    }
  };
  // Called from a timer. On a busy machine the timer can come due while a request already sits unread in a
  // socket's buffer; the event loop's poll phase, which reads it, runs after the timers and before the immediates.
  const sweepAfterPendingReads = (): void => {
    setImmediate(closeIdle);
  };

  return {
    listenUrl: `${options.tls === null ? 'http' : 'https'}://${host}:${port}`,
    port,
    close(graceMs: number): Promise<void> {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        // Idleness counts from the drain at the earliest: a client that was merely slow before it has not been
        // told `Connection: close` yet, and its next request may be on the way.
        const drainStartedAt = Date.now();
        for (const state of connections.values()) state.idleSince = Math.max(state.idleSince, drainStartedAt);
        // Spaced out, but every open connection can still be ended within half the grace period.
        releaseSpacingMs = Math.min(
          options.releaseSpacingMs ?? DEFAULT_RELEASE_SPACING_MS,
          Math.floor(graceMs / 2 / (connections.size + 1)),
        );
        for (const res of inFlight) release(res);
        const sweep = setInterval(sweepAfterPendingReads, Math.min(SWEEP_MS, Math.max(idleGraceMs, 1)));
        const deadline = setTimeout(() => {
          for (const socket of connections.keys()) socket.destroy();
          server.closeAllConnections();
        }, graceMs);
        // net.Server's close, not http.Server's: it stops accepting without ending idle connections at once.
        NetServer.prototype.close.call(server, () => {
          clearInterval(sweep);
          clearTimeout(deadline);
          resolve();
        });
      });
      return closed;
    },
  };
}
