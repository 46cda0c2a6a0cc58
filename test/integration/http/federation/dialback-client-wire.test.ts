import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { OutboundRequest } from '../../../../src/application/ports/outbound-http.port';
import {
  formOf,
  RecordingOutboundHttp,
  ScriptedDiscovery,
  textResponse,
} from '../../../support/dialback-fakes';
import { createOAuthTestApp, type OAuthTestApp } from '../oauth/oauth-test-app';

/** The parts of pump.io's own Dialback library (dialback-client 0.2.0, untyped) this test drives. */
interface DialbackClientLibrary {
  new (options: {
    app: { post(path: string, handler: DialbackHandler): void };
    bank: unknown;
    hostname: string;
    url: string;
  }): DialbackClientInstance;
  schema: unknown;
}
interface DialbackClientInstance {
  cleanup: NodeJS.Timeout;
  post(
    endpoint: string,
    id: string,
    body: string,
    contentType: string,
    callback: (error: Error | null, res: http.IncomingMessage | null, body: string | null) => void,
  ): void;
}
type DialbackHandler = (
  req: { body: Record<string, string> },
  res: HandlerResponse,
  next: (e: unknown) => void,
) => void;
interface HandlerResponse {
  status(code: number): HandlerResponse;
  send(text: string): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const DialbackClient = require('dialback-client') as DialbackClientLibrary;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Databank } = require('databank') as {
  Databank: {
    get(driver: string, params: unknown): { connect(params: unknown, cb: (e: Error | null) => void): void };
  };
};

/**
 * Wire compatibility with pump.io's own Dialback library (issue 12, item 1): a registration that dialback-client
 * signs and sends over real HTTP is verified by our VerifyDialbackRequest, which asks back the verification
 * endpoint of the same library, and the client is registered as the webfinger it claimed.
 */
describe("Dialback with pump.io's dialback-client library", () => {
  let server: http.Server;
  let base: string;
  let t: OAuthTestApp;
  let peer: DialbackClientInstance;
  let answerDialback: DialbackHandler;
  let outbound: RecordingOutboundHttp;

  beforeAll(async () => {
    const bank = Databank.get('memory', { schema: DialbackClient.schema });
    await new Promise<void>((resolve, reject) =>
      bank.connect({}, (error) => (error ? reject(error) : resolve())),
    );
    peer = new DialbackClient({
      app: { post: (_path, handler) => (answerDialback = handler) },
      bank,
      hostname: 'pump-a.test',
      url: '/api/dialback',
    });
    clearInterval(peer.cleanup);

    // The network as our app sees it: pump-a.test's users name its dialback endpoint, which the library answers.
    const discovery = new ScriptedDiscovery();
    discovery.webfingers.set('acct:alice@pump-a.test', [
      { rel: 'dialback', href: 'http://pump-a.test/api/dialback' },
    ]);
    outbound = new RecordingOutboundHttp((request) => askLibrary(request));

    // The app listens on a real socket, so that the library signs the very URL our verifier reports back.
    server = http.createServer((req, res) => t.app(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = createOAuthTestApp({ base, discovery, outbound });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function askLibrary(request: OutboundRequest) {
    return new Promise<ReturnType<typeof textResponse>>((resolve, reject) => {
      let status = 200;
      const res: HandlerResponse = {
        status(code) {
          status = code;
          return res;
        },
        send: (text) => resolve(textResponse(request.url, status, text)),
      };
      answerDialback({ body: formOf(request) }, res, reject);
    });
  }

  function libraryPost(endpoint: string, id: string, body: string) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      peer.post(endpoint, id, body, 'application/x-www-form-urlencoded', (error, res, text) => {
        if (error !== null || res === null) reject(error ?? new Error('no response'));
        else resolve({ status: res.statusCode ?? 0, body: text ?? '' });
      });
    });
  }

  it('registers a client the library signed, as the webfinger it claimed', async () => {
    const answer = await libraryPost(
      `${base}/api/client/register`,
      'alice@pump-a.test',
      'type=client_associate&application_type=web&application_name=alice%40pump-a.test',
    );
    expect(answer.status).toBe(200);
    const { client_id: clientId } = JSON.parse(answer.body) as { client_id: string };
    expect(await t.storage.clients.findById(clientId)).toMatchObject({ webfinger: 'alice@pump-a.test' });
    // The library answered our question itself: it recognised its own token, date and URL.
    expect(formOf(outbound.sent[0])).toMatchObject({
      webfinger: 'alice@pump-a.test',
      url: `${base}/api/client/register`,
    });
  });

  it('is refused when the library says the token is not its own', async () => {
    const forged = await fetch(`${base}/api/client/register`, {
      method: 'POST',
      headers: {
        Authorization: 'Dialback webfinger="alice@pump-a.test", token="notTheirs01"',
        Date: new Date().toUTCString(),
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'type=client_associate',
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authentication')).toBe('Dialback');
    expect(outbound.sent).toHaveLength(2);
  });
});
