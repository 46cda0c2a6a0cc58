import { chmodSync, existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { dirname } from 'node:path';

import type { Logger } from '../../application/ports/logger.port';
import { StartupError } from '../container/startup-error';
import {
  type ControlRequest,
  type ControlResponse,
  MAX_CONTROL_LINE,
  parseControlRequest,
} from './control-protocol';

/** A connection that sends nothing for this long is closed. */
const IDLE_MS = 30_000;

/** The listening control socket. */
export interface RunningControlServer {
  /** Stops listening and removes the socket file. */
  close(): Promise<void>;
}

/** True when something answers on the socket file (another master runs); false when the file is stale. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

function serve(socket: Socket, handle: (request: ControlRequest) => ControlResponse, logger: Logger): void {
  let buffer = '';
  const reply = (response: ControlResponse): void => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(response)}\n`);
  };
  socket.setEncoding('utf8');
  socket.setTimeout(IDLE_MS, () => socket.destroy());
  // A client that goes away mid-answer must never take the master down (pump.io crashed on ECONNRESET).
  socket.on('error', () => undefined);
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line !== '') {
        const request = parseControlRequest(line);
        if ('error' in request) reply({ ok: false, code: 'bad-request', reason: request.error });
        else {
          try {
            reply(handle(request));
          } catch (error) {
            logger.error({ err: error }, 'control request failed');
            reply({
              ok: false,
              code: 'internal',
              reason: 'the master could not handle the request; see its log',
            });
          }
        }
      }
      newline = buffer.indexOf('\n');
    }
    if (buffer.length > MAX_CONTROL_LINE) {
      reply({ ok: false, code: 'bad-request', reason: 'request line too long' });
      socket.destroy();
    }
  });
}

/**
 * The master's control socket (`pumphouse ctl`): a Unix socket, owner read-write only, speaking one JSON request
 * and one JSON answer per line. A stale socket file left by a killed master is replaced; a live one (another
 * master) stops the start. No authentication beyond file permissions, as in pump.io; the data folder is 0700.
 */
export async function startControlServer(
  path: string,
  handle: (request: ControlRequest) => ControlResponse,
  logger: Logger,
): Promise<RunningControlServer> {
  if (existsSync(path)) {
    if (await answers(path)) {
      throw new StartupError(`another pumphouse master is running: its control socket ${path} answers`);
    }
    unlinkSync(path);
  }
  const server = createServer((socket) => serve(socket, handle, logger));
  await new Promise<void>((resolve, reject) => {
    // Its folder may not exist yet (a fresh data folder: nothing else has opened it before the master).
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    throw new StartupError(`cannot create the control socket ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  });
  chmodSync(path, 0o600);
  server.on('error', (error) => logger.error({ err: error }, 'control socket error'));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        try {
          unlinkSync(path);
        } catch {
          // Already gone.
        }
      }),
  };
}
