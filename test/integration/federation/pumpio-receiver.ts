import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { OAuthRequestVerifier } from '../../../src/adapters/auth/oauth/oauth-request-verifier';
import { createMemoryStorage } from '../../../src/adapters/storage/memory/memory-storage';
import type { Clock } from '../../../src/application/ports/clock.port';
import type { Storage } from '../../../src/application/ports/storage/unit-of-work.port';
import { SiteUrls } from '../../../src/domain/site/site-urls';

/** One inbox POST the receiver took, with the client its signature verified as. */
export interface ReceivedDelivery {
  readonly path: string;
  readonly clientId: string;
  readonly body: Record<string, unknown>;
  readonly raw: string;
}

/**
 * A small pump.io-like peer on 127.0.0.1 (and nowhere else), known to the sender as `b.test:<port>`: host-meta with
 * its registration endpoint, client registration that requires a Dialback header, and user inboxes that verify the
 * 2-legged OAuth signature with our own verifier before recording the body. Extra routes answer as a test says.
 */
export class PumpioReceiver {
  readonly received: ReceivedDelivery[] = [];
  readonly registrations: Array<{ authorization: string; body: string }> = [];
  /** Paths answered by the test instead (status, headers, body). */
  readonly overrides = new Map<string, (response: ServerResponse) => void>();
  private readonly store: Storage;
  private server: http.Server | null = null;
  private verifier: OAuthRequestVerifier | null = null;
  port = 0;

  constructor(private readonly clock: Clock) {
    this.store = createMemoryStorage({ clock });
  }

  get host(): string {
    return `b.test:${this.port}`;
  }

  url(path: string): string {
    return `http://${this.host}${path}`;
  }

  /** Makes `clientId` a client this peer knows, as if it had registered earlier. */
  async knowClient(clientId: string, secret: string): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.store.clients.create({ id: clientId, secret, created: now, updated: now });
  }

  async start(): Promise<void> {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.handle(request, Buffer.concat(chunks).toString('utf8'), response).catch(() => {
          response.statusCode = 500;
          response.end();
        });
      });
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    this.port = (this.server.address() as AddressInfo).port;
    this.verifier = new OAuthRequestVerifier({
      ...this.store,
      clock: this.clock,
      site: SiteUrls.fromBaseUrl(`http://${this.host}`),
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }

  private async handle(request: IncomingMessage, body: string, response: ServerResponse): Promise<void> {
    const path = request.url ?? '/';
    const override = this.overrides.get(path);
    if (override !== undefined) return override(response);
    if (request.method === 'GET' && path === '/.well-known/host-meta.json') {
      return json(response, 200, {
        links: [{ rel: 'registration_endpoint', href: this.url('/api/client/register') }],
      });
    }
    if (request.method === 'POST' && path === '/api/client/register') {
      const authorization = request.headers.authorization ?? '';
      this.registrations.push({ authorization, body });
      if (!authorization.startsWith('Dialback ') || request.headers.date === undefined) {
        return json(response, 401, { error: 'no Dialback' });
      }
      const id = `client-${this.registrations.length}`;
      await this.knowClient(id, `secret-${this.registrations.length}`);
      return json(response, 200, { client_id: id, client_secret: `secret-${this.registrations.length}` });
    }
    if (request.method === 'POST' && /^\/api\/user\/[a-z]+\/inbox$/.test(path)) {
      const verified = await this.verifier
        ?.verify(
          {
            method: 'POST',
            url: path,
            authorization: request.headers.authorization,
            contentType: request.headers['content-type'],
          },
          { token: 'none', unknownConsumer: 'unauthenticated' },
        )
        .catch(() => null);
      if (verified === null || verified === undefined) return json(response, 401, { error: 'bad signature' });
      if (request.headers['content-type'] !== 'application/json')
        return json(response, 400, { error: 'not JSON' });
      const parsed = JSON.parse(body) as Record<string, unknown>;
      this.received.push({ path, clientId: verified.client.id, body: parsed, raw: body });
      return json(response, 200, parsed);
    }
    json(response, 404, { error: 'not here' });
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json');
  response.end(JSON.stringify(body));
}
