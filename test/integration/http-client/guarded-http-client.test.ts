import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { GuardedHttpClient } from '../../../src/adapters/http-client/guarded-http-client';
import { type HostResolver } from '../../../src/adapters/http-client/guarded-lookup';
import {
  DestinationRefusedError,
  OutboundNetworkError,
  OutboundTimeoutError,
  ResponseTooLargeError,
  TooManyRedirectsError,
} from '../../../src/application/ports/outbound-http.port';

// Every server here listens on 127.0.0.1; every name resolves through `fakeDns`, so no test sends a packet
// anywhere else: addresses outside 127.0.0.0/8 appear only in DNS answers that the guard must refuse.
const fakeDns: Record<string, string[]> = {
  'node.test': ['127.0.0.1'],
  'private.test': ['10.0.0.1'],
  'metadata.test': ['169.254.169.254'],
  'mixed.test': ['127.0.0.1', '10.0.0.1'],
  'mapped.test': ['::ffff:10.0.0.1'],
};
const resolve: HostResolver = async (hostname) => {
  const addresses = fakeDns[hostname];
  if (!addresses) throw Object.assign(new Error(`no such name ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: net.isIP(address) }));
};

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

interface TestServer {
  port: number;
  url: (path: string) => string;
  connections: number;
  close: () => Promise<void>;
}

async function startServer(handler: Handler): Promise<TestServer> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString(), response));
  });
  const state = { connections: 0 };
  server.on('connection', () => state.connections++);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Records every TCP connection attempt this process makes, to prove a refusal happened before any. */
function watchConnectionAttempts(): { attempts: string[]; stop: () => void } {
  const attempts: string[] = [];
  const emit = net.Socket.prototype.emit as (this: net.Socket, ...args: unknown[]) => boolean;
  const spy = jest.spyOn(net.Socket.prototype, 'emit').mockImplementation(function (
    this: net.Socket,
    event: string | symbol,
    ...args: unknown[]
  ) {
    if (event === 'connectionAttempt' || event === 'connect')
      attempts.push(`${String(event)} ${String(args[0] ?? this.remoteAddress)}`);
    return emit.apply(this, [event, ...args]);
  });
  return { attempts, stop: () => spy.mockRestore() };
}

describe('GuardedHttpClient against real servers on 127.0.0.1', () => {
  let origin: TestServer;
  let other: TestServer;
  const hits: string[] = [];
  const loopback = ['127.0.0.0/8'];

  beforeAll(async () => {
    other = await startServer((request, _body, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ method: request.method, headers: request.headers }));
    });
    origin = await startServer((request, body, response) => {
      const path = request.url ?? '/';
      hits.push(path);
      if (path === '/hello') return response.end('hello');
      if (path === '/echo') {
        response.setHeader('content-type', 'application/json');
        response.setHeader('set-cookie', ['a=1', 'b=2']);
        return response.end(JSON.stringify({ method: request.method, body, headers: request.headers }));
      }
      if (path === '/slow') return; // never answers
      if (path === '/big-declared') {
        response.setHeader('content-length', '100000');
        return response.write('x'.repeat(1000));
      }
      if (path === '/big-chunked') {
        const chunk = 'x'.repeat(1000);
        const pump = (): void => {
          if (!response.destroyed && response.write(chunk)) setImmediate(pump);
        };
        response.on('drain', pump);
        return pump();
      }
      if (path === '/loop') return redirect(response, 302, '/loop');
      if (path === '/once') return redirect(response, 302, '/hello');
      if (path === '/see-other') return redirect(response, 303, '/echo');
      if (path === '/keep-method') return redirect(response, 307, '/echo');
      if (path === '/same-origin-307') return redirect(response, 307, '/echo');
      if (path === '/cross-origin-307') return redirect(response, 307, other.url('/headers'));
      if (path === '/to-private-literal') return redirect(response, 302, 'http://10.0.0.1/');
      if (path === '/to-private-name') return redirect(response, 302, 'http://private.test/');
      if (path === '/to-loopback-name')
        return redirect(response, 302, `http://node.test:${origin.port}/hello`);
      if (path === '/to-file') return redirect(response, 302, 'file:///etc/passwd');
      response.statusCode = 404;
      response.end('not here');
    });
  });

  afterAll(async () => {
    await origin.close();
    await other.close();
  });

  const redirect = (response: ServerResponse, status: number, location: string): void => {
    response.statusCode = status;
    response.setHeader('location', location);
    response.end();
  };

  const allowing = (
    options: Partial<ConstructorParameters<typeof GuardedHttpClient>[0]> = {},
  ): GuardedHttpClient => new GuardedHttpClient({ allowedNetworks: loopback, resolve, ...options });

  it('GETs a page from an allowed network, and the connection watcher sees that connection', async () => {
    const watcher = watchConnectionAttempts();
    try {
      const response = await allowing().request({ method: 'GET', url: origin.url('/hello') });
      expect(response.status).toBe(200);
      expect(Buffer.from(response.body).toString()).toBe('hello');
      expect(response.url).toBe(origin.url('/hello'));
      expect(watcher.attempts.length).toBeGreaterThan(0);
    } finally {
      watcher.stop();
    }
  });

  it('POSTs a body with headers and answers status, headers and body', async () => {
    const response = await allowing().request({
      method: 'POST',
      url: `http://node.test:${origin.port}/echo`,
      headers: { 'Content-Type': 'application/json', 'X-Test': 'yes' },
      body: '{"verb":"post"}',
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['set-cookie']).toBe('a=1, b=2');
    const echoed = JSON.parse(Buffer.from(response.body).toString());
    expect(echoed).toMatchObject({ method: 'POST', body: '{"verb":"post"}' });
    expect(echoed.headers).toMatchObject({
      'x-test': 'yes',
      'content-length': '15',
      host: `node.test:${origin.port}`,
    });
  });

  it('answers a 404 as a response, not an error', async () => {
    const response = await allowing().request({ method: 'GET', url: origin.url('/nowhere') });
    expect(response.status).toBe(404);
  });

  describe('refuses before any connection', () => {
    let watcher: ReturnType<typeof watchConnectionAttempts>;
    beforeEach(() => (watcher = watchConnectionAttempts()));
    afterEach(() => watcher.stop());

    it.each([
      ['127.0.0.1 by default', () => new GuardedHttpClient({ resolve }), () => origin.url('/hello')],
      [
        'a name resolving to 127.0.0.1 by default',
        () => new GuardedHttpClient({ resolve }),
        () => `http://node.test:${origin.port}/hello`,
      ],
      ['a name resolving to 10.0.0.1', () => allowing(), () => 'http://private.test/'],
      ['a name resolving to the metadata address', () => allowing(), () => 'http://metadata.test/latest/'],
      [
        'a name with one refused address among allowed ones',
        () => allowing(),
        () => `http://mixed.test:${origin.port}/hello`,
      ],
      ['a name resolving to IPv4-mapped 10.0.0.1', () => allowing(), () => 'http://mapped.test/'],
      ['the literal 10.0.0.1', () => allowing(), () => 'http://10.0.0.1/'],
      ['the literal [::1]', () => allowing(), () => `http://[::1]:${origin.port}/hello`],
      [
        'the literal [::ffff:127.0.0.1] by default',
        () => new GuardedHttpClient({ resolve }),
        () => `http://[::ffff:127.0.0.1]:${origin.port}/`,
      ],
      ['a file: URL', () => allowing(), () => 'file:///etc/passwd'],
      ['something that is not a URL', () => allowing(), () => 'not a url'],
    ])('%s', async (_name, client, url) => {
      const connectionsBefore = origin.connections;
      await expect(client().request({ method: 'GET', url: url() })).rejects.toBeInstanceOf(
        DestinationRefusedError,
      );
      expect(watcher.attempts).toEqual([]);
      expect(origin.connections).toBe(connectionsBefore);
    });
  });

  it('reports a refused connection as a network failure', async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    await expect(allowing().request({ method: 'GET', url: closed.url('/') })).rejects.toBeInstanceOf(
      OutboundNetworkError,
    );
  });

  it('keeps the system error code of a network failure: a name that does not resolve is ENOTFOUND', async () => {
    const failure = await allowing()
      .request({ method: 'GET', url: 'http://nowhere.test/' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutboundNetworkError);
    expect((failure as OutboundNetworkError).code).toBe('ENOTFOUND');
  });

  it('gives up at the total timeout', async () => {
    await expect(
      allowing().request({ method: 'GET', url: origin.url('/slow'), timeoutMs: 300 }),
    ).rejects.toBeInstanceOf(OutboundTimeoutError);
  });

  it.each(['/big-declared', '/big-chunked'])('aborts %s beyond the size cap', async (path) => {
    await expect(
      allowing().request({ method: 'GET', url: origin.url(path), maxBytes: 5000 }),
    ).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it('follows a redirect', async () => {
    const response = await allowing().request({ method: 'GET', url: origin.url('/once') });
    expect(Buffer.from(response.body).toString()).toBe('hello');
    expect(response.url).toBe(origin.url('/hello'));
  });

  it('follows at most maxRedirects redirects', async () => {
    hits.length = 0;
    await expect(
      allowing({ maxRedirects: 3 }).request({ method: 'GET', url: origin.url('/loop') }),
    ).rejects.toBeInstanceOf(TooManyRedirectsError);
    expect(hits).toEqual(['/loop', '/loop', '/loop', '/loop']);
  });

  it.each(['/to-private-literal', '/to-private-name', '/to-file'])('refuses a redirect %s', async (path) => {
    const watcher = watchConnectionAttempts();
    try {
      await expect(allowing().request({ method: 'GET', url: origin.url(path) })).rejects.toBeInstanceOf(
        DestinationRefusedError,
      );
      expect(watcher.attempts.filter((attempt) => !attempt.includes('127.0.0.1'))).toEqual([]);
    } finally {
      watcher.stop();
    }
  });

  it('re-checks a redirect by the same rules: allowed network via a name is followed', async () => {
    const response = await allowing().request({ method: 'GET', url: origin.url('/to-loopback-name') });
    expect(Buffer.from(response.body).toString()).toBe('hello');
  });

  it('turns a POST into a GET without body on 303, and keeps it on 307', async () => {
    const seeOther = await allowing().request({
      method: 'POST',
      url: origin.url('/see-other'),
      body: 'payload',
    });
    expect(JSON.parse(Buffer.from(seeOther.body).toString())).toMatchObject({ method: 'GET', body: '' });
    const keep = await allowing().request({
      method: 'POST',
      url: origin.url('/keep-method'),
      body: 'payload',
    });
    expect(JSON.parse(Buffer.from(keep.body).toString())).toMatchObject({ method: 'POST', body: 'payload' });
  });

  it('keeps credentials on a same-origin redirect and drops them on a cross-origin one', async () => {
    const headers = { Authorization: 'OAuth secret', Cookie: 'session=1', 'X-Other': 'kept' };
    const same = await allowing().request({ method: 'GET', url: origin.url('/same-origin-307'), headers });
    expect(JSON.parse(Buffer.from(same.body).toString()).headers).toMatchObject({
      authorization: 'OAuth secret',
      cookie: 'session=1',
    });
    const cross = await allowing().request({ method: 'GET', url: origin.url('/cross-origin-307'), headers });
    const crossHeaders = JSON.parse(Buffer.from(cross.body).toString()).headers;
    expect(crossHeaders).toMatchObject({ 'x-other': 'kept' });
    expect(crossHeaders.authorization).toBeUndefined();
    expect(crossHeaders.cookie).toBeUndefined();
  });
});
