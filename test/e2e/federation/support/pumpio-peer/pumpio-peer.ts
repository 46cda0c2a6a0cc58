import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { stringify } from 'node:querystring';
import { promisify } from 'node:util';

import { Databank } from 'databank';
import DialbackClient from 'dialback-client';
import express, { type Request, type Response } from 'express';
import * as webfinger from 'webfinger';

import { NAMESPACE_HOSTS } from '../namespace';
import { verifyDialback } from './peer-dialback';
import { type PeerClient, twoLegged, verifyTwoLegged } from './peer-oauth';
import { hostMetaLinks, personOf, webfingerLinks } from './peer-documents';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** One activity the peer's inbox accepted, with the Dialback identity of the client that signed it. */
export interface Received {
  readonly path: string;
  readonly activity: Json;
  readonly from: PeerClient['identity'];
}

const HOST = 'peer.test';
const BASE = `http://${HOST}`;

/**
 * A pump.io-like server for the federation suite, built from the libraries pump.io federates with
 * (dialback-client, webfinger, oauth-evanp; docs/protocol.md §7): it serves host-meta, WebFinger and
 * `/api/dialback`, registers with a Pumphouse node through Dialback as pump.io does (host and webfinger
 * registrations, form body; §7.6), delivers activities to a Pumphouse inbox signed 2-legged, and receives
 * deliveries at its own inboxes, checking the 2-legged signature and the Dialback registration behind it.
 * It has one user, `carol`, and runs in the test process on peer.test:80.
 */
export class PumpioPeer {
  readonly host = HOST;
  readonly nickname = 'carol';
  readonly id = `acct:carol@${HOST}`;
  readonly received: Received[] = [];
  /** Why requests were refused, newest last, for failure messages. */
  readonly refusals: string[] = [];
  private readonly clients = new Map<string, PeerClient>();
  private readonly credentials = new Map<string, { key: string; secret: string }>();
  private readonly nonces = new Set<string>();
  private readonly dialbacks = new Set<string>();

  private constructor(
    private readonly server: Server,
    private readonly dialback: DialbackClient,
    private readonly bank: Databank,
    private readonly displayName: string | undefined,
  ) {}

  /** `displayName`: carol's, as her profile and her activities show it (a hostile one, for the web UI's checks). */
  static async start(options: { displayName?: string } = {}): Promise<PumpioPeer> {
    const bank = Databank.get('memory', { schema: DialbackClient.schema });
    await promisify(bank.connect.bind(bank))({});
    const app = express();
    app.use(express.urlencoded({ extended: false }), express.json());
    // dialback-client mounts pump.io's verification of the tokens it sent: POST /api/dialback.
    const dialback = new DialbackClient({ hostname: HOST, app, bank, url: '/api/dialback' });
    const server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(80, NAMESPACE_HOSTS[HOST], () => resolve(listening));
      listening.once('error', reject);
    });
    const peer = new PumpioPeer(server, dialback, bank, options.displayName);
    peer.routes(app);
    return peer;
  }

  private routes(app: express.Express): void {
    const hostMeta = (_req: Request, res: Response) => void res.json({ links: hostMetaLinks(BASE) });
    app.get('/.well-known/host-meta', hostMeta);
    app.get('/.well-known/host-meta.json', hostMeta);
    app.get('/.well-known/webfinger', (req, res) => {
      const resource = String(req.query.resource ?? '').replace(/^acct:/, '');
      if (resource !== `${this.nickname}@${HOST}`)
        return void res.status(404).json({ error: 'Unknown user' });
      res.json({ links: webfingerLinks(BASE, this.nickname) });
    });
    app.post('/api/client/register', (req, res) => void this.register(req, res));
    app.get(`/api/user/${this.nickname}/profile`, (req, res) => {
      const client = this.signedBy(req);
      if (client === undefined) return void res.status(401).type('text/plain').send('Unauthorized');
      res.json(personOf(BASE, this.nickname, this.displayName));
    });
    app.post(`/api/user/${this.nickname}/inbox`, (req, res) => {
      const client = this.signedBy(req);
      if (client === undefined) return void res.status(401).type('text/plain').send('Unauthorized');
      const activity = req.body as Json;
      const actorId = String(activity?.actor?.id ?? '');
      const expected =
        'webfinger' in client.identity
          ? [`acct:${client.identity.webfinger}`]
          : [`http://${client.identity.host}/`, `https://${client.identity.host}/`];
      if (!expected.includes(actorId)) {
        this.refusals.push(`inbox: actor ${actorId} is not the client's ${JSON.stringify(client.identity)}`);
        return void res.status(400).json({ error: 'Actor does not match the client' });
      }
      this.received.push({ path: req.path, activity, from: client.identity });
      res.json(activity);
    });
  }

  /** `POST /api/client/register`; with an Authorization header, only through Dialback (§2.1, §7.4). */
  private async register(req: Request, res: Response): Promise<void> {
    let identity: PeerClient['identity'] | undefined;
    if (req.headers.authorization !== undefined) {
      const verified = await verifyDialback(req.headers, `${BASE}${req.originalUrl}`, this.dialbacks);
      if ('refused' in verified) {
        this.refusals.push(`client/register: ${verified.refused}`);
        res.status(401).set('WWW-Authentication', 'Dialback').type('text/plain').send(verified.refused);
        return;
      }
      identity = verified;
    }
    const body = req.body as Json;
    if (body?.type !== 'client_associate')
      return void res.status(400).json({ error: 'Invalid registration type' });
    const client = {
      key: randomBytes(16).toString('base64url'),
      secret: randomBytes(32).toString('base64url'),
    };
    if (identity !== undefined) this.clients.set(client.key, { ...client, identity });
    res.json({ client_id: client.key, client_secret: client.secret, expires_at: 0 });
  }

  /** The Dialback-registered client that signed the request 2-legged, or undefined (the refusal is noted). */
  private signedBy(req: Request): PeerClient | undefined {
    const form = req.is('application/x-www-form-urlencoded')
      ? (req.body as Record<string, string>)
      : undefined;
    const verdict = verifyTwoLegged(
      {
        method: req.method,
        url: `${BASE}${req.originalUrl}`,
        authorization: req.headers.authorization,
        form,
      },
      (key) => this.clients.get(key),
      this.nonces,
    );
    if ('refused' in verdict) {
      this.refusals.push(`${req.method} ${req.originalUrl}: ${verdict.refused}`);
      return undefined;
    }
    return verdict;
  }

  /** The people who follow carol, from the follows her inbox accepted. */
  followers(): string[] {
    return this.received
      .filter(({ activity }) => activity.verb === 'follow' && activity.object?.id === this.id)
      .map(({ activity }) => String(activity.actor.id));
  }

  /** The activities carol's inbox accepted that match `test`. */
  receivedWhere(test: (activity: Json) => boolean): Json[] {
    return this.received.map(({ activity }) => activity).filter(test);
  }

  /** What the peer saw go wrong, for failure messages. */
  describe(): string {
    const got = this.received.map(
      ({ activity, from }) => `${activity.verb} ${activity.id} from ${JSON.stringify(from)}`,
    );
    return `peer.test received: ${got.join('; ') || 'nothing'}\npeer.test refused: ${this.refusals.join('; ') || 'nothing'}`;
  }

  /**
   * Credentials at `host` for `id` (`peer.test` itself or `carol@peer.test`), registering through Dialback as
   * pump.io does when it has none: the registration endpoint from host-meta, a form body naming the identity.
   */
  private async credentialsAt(host: string, id: string): Promise<{ key: string; secret: string }> {
    const cached = this.credentials.get(`${host} ${id}`);
    if (cached !== undefined) return cached;
    const meta = await promisify(webfinger.hostmeta)(host);
    const endpoint = meta?.links?.find((link) => link.rel === 'registration_endpoint')?.href;
    if (endpoint === undefined) throw new Error(`${host}'s host-meta has no registration_endpoint`);
    const body = stringify({ type: 'client_associate', application_type: 'web', application_name: id });
    const [status, text] = await new Promise<[number, string]>((resolve, reject) =>
      this.dialback.post(
        endpoint,
        id,
        body,
        'application/x-www-form-urlencoded',
        (error, response, answer) =>
          error !== null ? reject(error) : resolve([response?.statusCode ?? 0, answer ?? '']),
      ),
    );
    if (status < 200 || status > 299)
      throw new Error(`Dialback registration as ${id} at ${endpoint}: HTTP ${status} ${text}`);
    const { client_id: key, client_secret: secret } = JSON.parse(text) as Json;
    const credentials = { key: String(key), secret: String(secret) };
    this.credentials.set(`${host} ${id}`, credentials);
    return credentials;
  }

  /** A 2-legged request as `id` at `url`; on a 401 the credentials are registered again, once (§7.1). */
  private async signed(
    method: 'GET' | 'POST',
    url: string,
    id: string,
    json?: Json,
  ): Promise<{ status: number; body: string }> {
    const host = new URL(url).hostname;
    for (let attempt = 1; ; attempt += 1) {
      const oauth = twoLegged(await this.credentialsAt(host, id));
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const done = (error: { statusCode: number; data?: string } | Error | null, data: string) => {
          if (error instanceof Error) reject(error);
          else resolve({ status: error?.statusCode ?? 200, body: String(data ?? '') });
        };
        if (method === 'GET') oauth.get(url, null, null, done);
        else oauth.post(url, null, null, JSON.stringify(json), 'application/json', done);
      });
      if (answer.status !== 401 || attempt === 2) return answer;
      this.credentials.delete(`${host} ${id}`);
    }
  }

  /** The JRD links of a person, through pump.io's webfinger library. */
  private async linksOf(personId: string): Promise<Record<string, string>> {
    const jrd = await promisify(webfinger.webfinger)(personId);
    return Object.fromEntries((jrd?.links ?? []).filter((l) => l.rel && l.href).map((l) => [l.rel, l.href]));
  }

  /**
   * Fetches a remote person's profile as pump.io does before it delivers to them (§7.3): WebFinger, then the
   * `self` link signed 2-legged with host credentials (registered as `Dialback host="peer.test"`).
   */
  async fetchProfile(personId: string): Promise<Json> {
    const self = (await this.linksOf(personId)).self;
    if (self === undefined) throw new Error(`WebFinger of ${personId} has no self link`);
    const answer = await this.signed('GET', self, HOST);
    if (answer.status !== 200)
      throw new Error(
        `GET ${self} signed as host peer.test: HTTP ${answer.status} ${answer.body.slice(0, 300)}`,
      );
    return JSON.parse(answer.body) as Json;
  }

  /** Delivers carol's `activity` to `personId`'s inbox (from WebFinger), signed as carol@peer.test (§7.1). */
  async deliver(activity: Json, personId: string): Promise<{ status: number; body: string }> {
    const inbox = (await this.linksOf(personId))['activity-inbox'];
    if (inbox === undefined) throw new Error(`WebFinger of ${personId} has no activity-inbox link`);
    return this.signed('POST', inbox, `${this.nickname}@${HOST}`, activity);
  }

  /** A new activity by carol, with ids under peer.test as pump.io makes them. */
  activity(verb: string, object: Json, audience: Json): Json {
    const actor = personOf(BASE, this.nickname, this.displayName);
    return {
      id: `${BASE}/api/activity/${randomBytes(12).toString('base64url')}`,
      verb,
      actor,
      object,
      ...audience,
      published: new Date().toISOString(),
    };
  }

  note(content: string): Json {
    return {
      id: `${BASE}/api/note/${randomBytes(12).toString('base64url')}`,
      objectType: 'note',
      content,
      author: personOf(BASE, this.nickname, this.displayName),
    };
  }

  async stop(): Promise<void> {
    clearInterval(this.dialback.cleanup);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await promisify(this.bank.disconnect.bind(this.bank))();
  }
}
