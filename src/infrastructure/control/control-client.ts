import { connect } from 'node:net';

import type { ControlRequest, ControlResponse } from './control-protocol';

/**
 * Sends one request to the master's control socket and answers its reply. Rejects with a message an admin can
 * act on when the socket is missing, refuses the connection (no master running) or cannot be opened (permissions),
 * or when no answer comes within `timeoutMs`.
 */
export function sendControlRequest(
  path: string,
  request: ControlRequest,
  timeoutMs = 10_000,
): Promise<ControlResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the master did not answer on ${path} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline === -1) return;
      clearTimeout(timer);
      socket.end();
      try {
        resolve(JSON.parse(buffer.slice(0, newline)) as ControlResponse);
      } catch {
        reject(new Error(`the master sent an answer that is not JSON: ${buffer.slice(0, 200)}`));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why =
        error.code === 'ENOENT' || error.code === 'ECONNREFUSED'
          ? 'no pumphouse master is running with this configuration'
          : error.code === 'EACCES'
            ? 'permission denied; run ctl as the user that runs the server'
            : error.message;
      reject(new Error(`cannot reach the control socket ${path}: ${why}`));
    });
  });
}
