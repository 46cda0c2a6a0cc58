import { connect } from 'node:net';

import { type ClusterNode, startClusterNode } from './cluster-node';
import { httpGet } from '../pumphouse-process';

jest.setTimeout(120_000);

/**
 * Opens a connection and sends a request; resolves with how the connection ended ("answered", or the error or
 * "closed") or "still open" if nothing happened within `deadlineMs`.
 */
function requestOnNewConnection(port: number, deadlineMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'),
    );
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('still open');
    }, deadlineMs);
    const end = (how: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(how);
    };
    socket.once('data', () => end('answered'));
    socket.once('error', (error: NodeJS.ErrnoException) => end(error.code ?? error.message));
    socket.once('close', () => end('closed'));
  });
}

describe('a worker that stops answering', () => {
  let node: ClusterNode | undefined;
  afterEach(async () => {
    await node?.stop();
    node = undefined;
  });

  it('is replaced, and the connection it was handed ends at once instead of hanging', async () => {
    node = await startClusterNode({ workers: 1, heartbeatTimeout: 1000 });
    const [stopped] = (await node.status()).workers;
    process.kill(stopped.pid, 'SIGSTOP');
    try {
      // The master hands this connection to the only worker, which is stopped: nobody will ever answer it.
      const how = await requestOnNewConnection(node.port, 60_000);
      expect(['closed', 'ECONNRESET']).toContain(how);
      const after = await node.waitForStatus((s) =>
        s.workers.some((w) => w.pid !== stopped.pid && w.state === 'ready'),
      );
      expect(after.workers.map((w) => w.pid)).not.toContain(stopped.pid);
      expect((await httpGet(node.port, '/api/health')).status).toBe(200);
    } finally {
      try {
        process.kill(stopped.pid, 'SIGKILL');
      } catch {
        // Already gone: the master killed it.
      }
    }
  });
});
