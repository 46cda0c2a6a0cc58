import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';

import { startHttpServer, type RunningHttpServer } from '../../../src/adapters/http/http-server';

/** A handler that holds every request until the test releases it: an in-flight request on demand. */
function heldRequests() {
  const waiting: Array<() => void> = [];
  const arrived: Array<() => void> = [];
  return {
    listener: (_req: IncomingMessage, res: ServerResponse) => {
      waiting.push(() => res.end('done'));
      arrived.shift()?.();
    },
    /** Resolves when a request has reached the handler. */
    nextArrival: () => new Promise<void>((resolve) => arrived.push(resolve)),
    releaseAll: () => waiting.splice(0).forEach((release) => release()),
  };
}

/** GET / on the port; without an agent, on a fresh connection. */
function get(port: number, agent: Agent | false = false) {
  return new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A raw keep-alive client: one socket, every answer read as it comes. */
async function rawClient(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  let ended: string | undefined;
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((waiter) => waiter());
  socket.on('data', (chunk: Buffer) => ((received += chunk.toString()), wake()));
  socket.on('error', (error: NodeJS.ErrnoException) => ((ended = error.code ?? error.message), wake()));
  socket.on('close', () => ((ended ??= 'closed'), wake()));
  const request = 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n';
  return {
    socket,
    request,
    /** Resolves with everything received once `count` answers have come; rejects if the connection ends first. */
    async answers(count: number): Promise<string> {
      while ((received.match(/HTTP\/1\.1 /g) ?? []).length < count || !received.endsWith('ok')) {
        if (ended !== undefined)
          throw new Error(`connection ended (${ended}) after: ${JSON.stringify(received)}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      return received;
    },
  };
}

/** Keeps this process (the server's too) busy for `ms`, as a loaded machine would: nothing else runs meanwhile. */
function hogTheEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy on purpose.
  }
}

describe('startHttpServer', () => {
  let server: RunningHttpServer | undefined;
  afterEach(async () => {
    await server?.close(0);
  });

  it('listens on the given address and reports the URL', async () => {
    server = await startHttpServer({
      listener: (_req, res) => res.end('hi'),
      address: '127.0.0.1',
      port: 0,
      tls: null,
    });
    expect(server.listenUrl).toBe(`http://127.0.0.1:${server.port}`);
    expect((await get(server.port)).body).toBe('hi');
  });

  it('rejects when the port is taken', async () => {
    server = await startHttpServer({
      listener: (_req, res) => res.end(),
      address: '127.0.0.1',
      port: 0,
      tls: null,
    });
    await expect(
      startHttpServer({
        listener: (_req, res) => res.end(),
        address: '127.0.0.1',
        port: server.port,
        tls: null,
      }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('finishes in-flight requests on close, tells the client the connection ends, then refuses new ones', async () => {
    const held = heldRequests();
    server = await startHttpServer({ listener: held.listener, address: '127.0.0.1', port: 0, tls: null });
    const { port } = server;
    // A keep-alive client: without the server's "Connection: close" it would keep the socket for the next request.
    const keepAlive = new Agent({ keepAlive: true });
    try {
      const arrival = held.nextArrival();
      const inFlight = get(port, keepAlive);
      await arrival;

      let closed = false;
      const closing = server.close(10_000).then(() => (closed = true));
      held.releaseAll();
      expect(await inFlight).toEqual({ status: 200, connection: 'close', body: 'done' });
      await closing;
      expect(closed).toBe(true);
      await expect(get(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      keepAlive.destroy();
    }
  });

  it('cuts connections still open when the grace period ends', async () => {
    const held = heldRequests();
    server = await startHttpServer({ listener: held.listener, address: '127.0.0.1', port: 0, tls: null });
    const arrival = held.nextArrival();
    const stuck = get(server.port);
    await arrival;
    await server.close(50);
    await expect(stuck).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('while closing, answers a request on an open keep-alive connection with Connection: close', async () => {
    server = await startHttpServer({
      listener: (_req, res) => res.end('ok'),
      address: '127.0.0.1',
      port: 0,
      tls: null,
      idleGraceMs: 5_000,
    });
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await get(server.port, keepAlive)).connection).toBe('keep-alive');
      // The connection is idle but younger than the grace: it stays, and its next request is served.
      const closing = server.close(10_000);
      expect(await get(server.port, keepAlive)).toEqual({ status: 200, connection: 'close', body: 'ok' });
      await closing;
    } finally {
      keepAlive.destroy();
    }
  });

  it('while closing, ends busy keep-alive connections one at a time rather than all at once', async () => {
    server = await startHttpServer({
      listener: (_req, res) => res.end('ok'),
      address: '127.0.0.1',
      port: 0,
      tls: null,
      idleGraceMs: 50,
      releaseSpacingMs: 60_000,
    });
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 3 });
    try {
      const { port } = server;
      await Promise.all([get(port, keepAlive), get(port, keepAlive), get(port, keepAlive)]);
      const closing = server.close(10_000);
      // Each of the three open connections gets a request; only one answer may end its connection.
      const answers = await Promise.all([get(port, keepAlive), get(port, keepAlive), get(port, keepAlive)]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
      expect(answers.filter((answer) => answer.connection === 'close')).toHaveLength(1);
      // The others end once idle, well before the grace period.
      await closing;
    } finally {
      keepAlive.destroy();
    }
  });

  it('while closing, ends connections that stay idle for the grace period', async () => {
    server = await startHttpServer({
      listener: (_req, res) => res.end('ok'),
      address: '127.0.0.1',
      port: 0,
      tls: null,
      idleGraceMs: 50,
    });
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await get(server.port, keepAlive);
      const started = Date.now();
      await server.close(10_000);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      keepAlive.destroy();
    }
  });

  it('while closing, counts idleness from the start of the drain, not from a last answer that predates it', async () => {
    server = await startHttpServer({
      listener: (_req, res) => res.end('ok'),
      address: '127.0.0.1',
      port: 0,
      tls: null,
      idleGraceMs: 200,
    });
    const client = await rawClient(server.port);
    try {
      client.socket.write(client.request);
      await client.answers(1);
      // The client is slow (or frozen) for longer than the grace before the drain; nobody told it to go.
      hogTheEventLoop(400);
      const closing = server.close(10_000);
      client.socket.write(client.request);
      const both = await client.answers(2);
      expect(both.toLowerCase()).toContain('connection: close');
      await closing;
    } finally {
      client.socket.destroy();
    }
  });

  it('while closing, serves a request that arrived while the process was too busy to read it', async () => {
    server = await startHttpServer({
      listener: (_req, res) => res.end('ok'),
      address: '127.0.0.1',
      port: 0,
      tls: null,
      idleGraceMs: 20,
    });
    const client = await rawClient(server.port);
    try {
      client.socket.write(client.request);
      await client.answers(1);
      const closing = server.close(10_000);
      // The request reaches the server's socket buffer at once (loopback), but the process is busy past the idle
      // grace and the sweep's period: when it wakes up, the sweep is due and the request is still unread.
      client.socket.write(client.request);
      hogTheEventLoop(300);
      const both = await client.answers(2);
      expect(both.toLowerCase()).toContain('connection: close');
      await closing;
    } finally {
      client.socket.destroy();
    }
  });

  it('while closing, spares a connection whose request head is still arriving', async () => {
    server = await startHttpServer({
      listener: (_req, res) => res.end('ok'),
      address: '127.0.0.1',
      port: 0,
      tls: null,
      idleGraceMs: 20,
    });
    const client = await rawClient(server.port);
    try {
      client.socket.write(client.request);
      await client.answers(1);
      const closing = server.close(10_000);
      // Half a request head, read by the server (the poll phase of the next event-loop turn), then a stall past
      // the grace: the bytes read show the connection is in use.
      client.socket.write('GET / HTTP/1.1\r\n');
      for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      hogTheEventLoop(300);
      for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      client.socket.write('Host: localhost\r\n\r\n');
      const both = await client.answers(2);
      expect(both.toLowerCase()).toContain('connection: close');
      await closing;
    } finally {
      client.socket.destroy();
    }
  });
});
