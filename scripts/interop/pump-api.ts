import { createHmac } from 'node:crypto';
import { request } from 'node:http';

import OAuth from 'oauth-1.0a';

import { DRIVER_USER_AGENT } from './recording-proxy';

/** OAuth 1.0a consumer credentials (a registered client). */
export interface Consumer {
  readonly key: string;
  readonly secret: string;
}

/** An OAuth 1.0a access token with its secret. */
export interface AccessToken {
  readonly token: string;
  readonly secret: string;
}

/** A user of one node as the driver holds it: the client it signs with and the user's own token. */
export interface Account {
  readonly api: PumpApi;
  readonly nickname: string;
  /** `acct:<nick>@<host>` on port 80. */
  readonly id: string;
  readonly consumer: Consumer;
  readonly token: AccessToken;
  /** The person object the server answered at registration. */
  readonly profile: Record<string, unknown>;
}

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly json: unknown;
}

const REQUEST_TIMEOUT_MS = 20_000;

/**
 * The pump.io client API of one node, reached by its public name on port 80 (resolved through the namespace's
 * hosts file) and signed with the oauth-1.0a library, as any pump.io client does. Works the same against
 * pump.io and Pumphouse.
 */
export class PumpApi {
  readonly base: string;

  constructor(readonly host: string) {
    this.base = `http://${host}`;
  }

  async send(
    method: string,
    path: string,
    options: {
      json?: unknown;
      form?: Record<string, string>;
      consumer?: Consumer;
      token?: AccessToken;
      /**
       * The Accept header; none by default, as pump.io's own clients and discovery send none (pump.io answers
       * `Accept: application/json` on a stream with ActivityStreams 2.0, spec §10.4).
       */
      accept?: string;
    } = {},
  ): Promise<Answer> {
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const headers: Record<string, string> = { 'User-Agent': DRIVER_USER_AGENT };
    if (options.accept !== undefined) headers.Accept = options.accept;
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] = 'application/json';
    } else if (options.form !== undefined) {
      body = new URLSearchParams(options.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    if (options.consumer !== undefined) {
      headers.Authorization = authorization(url, method, options.consumer, options.token, options.form);
    }
    return httpRequest(url, method, headers, body);
  }

  async registerClient(name: string): Promise<Consumer> {
    const answer = await this.send('POST', '/api/client/register', {
      form: { type: 'client_associate', application_type: 'native', application_name: name },
    });
    const json = expectJson(answer, `client registration at ${this.host}`) as Record<string, string>;
    return { key: json.client_id, secret: json.client_secret };
  }

  /** `POST /api/users` signed 2-legged: both pump.io and Pumphouse answer the new user with an access token. */
  async registerUser(consumer: Consumer, nickname: string, password: string): Promise<Account> {
    const answer = await this.send('POST', '/api/users', { consumer, json: { nickname, password } });
    const json = expectJson(answer, `registration of ${nickname}@${this.host}`) as Record<string, unknown>;
    return {
      api: this,
      nickname,
      id: `acct:${nickname}@${this.host}`,
      consumer,
      token: { token: String(json.token), secret: String(json.secret) },
      profile: (json.profile ?? {}) as Record<string, unknown>,
    };
  }
}

/** Posts an activity to the account's outbox (3-legged) and answers the stored activity. */
export async function postActivity(account: Account, activity: Record<string, unknown>): Promise<Answer> {
  return account.api.send('POST', `/api/user/${account.nickname}/feed`, {
    json: activity,
    consumer: account.consumer,
    token: account.token,
  });
}

/** A signed GET as the account (3-legged); `path` may be a full URL on the account's node. */
export async function getAs(account: Account, path: string): Promise<Answer> {
  return account.api.send('GET', path, { consumer: account.consumer, token: account.token });
}

/** The items of one of the account's collections (`inbox`, `followers`, ...), newest first. */
export async function collectionItems(account: Account, stream: string): Promise<Record<string, unknown>[]> {
  const answer = await getAs(account, `/api/user/${account.nickname}/${stream}?count=200`);
  if (answer.status !== 200) return [];
  const items = (answer.json as { items?: unknown[] } | undefined)?.items;
  return Array.isArray(items) ? (items as Record<string, unknown>[]) : [];
}

export function expectJson(answer: Answer, what: string): unknown {
  if (answer.status !== 200 || answer.json === undefined) {
    throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
  }
  return answer.json;
}

function authorization(
  url: string,
  method: string,
  consumer: Consumer,
  token: AccessToken | undefined,
  form: Record<string, string> | undefined,
): string {
  const oauth = new OAuth({
    consumer: { key: consumer.key, secret: consumer.secret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  const signed = oauth.authorize(
    { url, method, data: form },
    token === undefined ? undefined : { key: token.token, secret: token.secret },
  );
  return oauth.toHeader(signed).Authorization;
}

function httpRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = /json/.test(String(res.headers['content-type'])) ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          text,
          json,
        });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}
