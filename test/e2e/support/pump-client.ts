import { createHmac } from 'node:crypto';
import { request } from 'node:http';

import OAuth from 'oauth-1.0a';

/** An OAuth 1.0a consumer (a registered client). */
export interface Consumer {
  readonly key: string;
  readonly secret: string;
}

/** An access token with its secret. */
export interface AccessToken {
  readonly token: string;
  readonly secret: string;
}

/** One HTTP answer, its body parsed as JSON when it is JSON. */
export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The parsed body; undefined when it was not JSON. */
  readonly json: unknown;
}

export interface RequestOptions {
  readonly method?: string;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as application/x-www-form-urlencoded, and signed. */
  readonly form?: Record<string, string>;
  /** Raw body with its own content type (for malformed input tests). */
  readonly raw?: { body: string | Buffer; contentType: string };
  readonly consumer?: Consumer;
  readonly token?: AccessToken;
  readonly headers?: Record<string, string>;
  /** Overrides the oauth_nonce / oauth_timestamp the library makes (for replay tests). */
  readonly nonce?: string;
  readonly timestamp?: number;
}

/**
 * A pump.io API client as a real one behaves: it signs with the `oauth-1.0a` library against the server's public
 * URL (`http://localhost:<port>`), while the socket goes to 127.0.0.1, so no name resolution is involved.
 */
export class PumpClient {
  readonly base: string;

  constructor(readonly port: number) {
    this.base = `http://localhost:${port}`;
  }

  async send(path: string, options: RequestOptions = {}): Promise<Answer> {
    const hasBody = options.json !== undefined || options.form !== undefined || options.raw !== undefined;
    const method = options.method ?? (hasBody ? 'POST' : 'GET');
    const url = `${this.base}${path}`;
    const headers: Record<string, string> = { Host: `localhost:${this.port}`, ...(options.headers ?? {}) };
    let body: string | Buffer | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] = 'application/json';
    } else if (options.form !== undefined) {
      body = new URLSearchParams(options.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (options.raw !== undefined) {
      body = options.raw.body;
      headers['Content-Type'] = options.raw.contentType;
    }
    if (options.consumer !== undefined) {
      Object.assign(headers, signature(url, method, options));
    }
    return rawRequest(this.port, method, path, headers, body);
  }

  /** Registers a new client (client_associate) and answers its consumer key and secret. */
  async registerClient(name = 'e2e client'): Promise<Consumer> {
    const answer = await this.send('/api/client/register', {
      json: { type: 'client_associate', application_name: name, application_type: 'native' },
    });
    expectStatus(answer, 200);
    const { client_id: key, client_secret: secret } = answer.json as {
      client_id: string;
      client_secret: string;
    };
    return { key, secret };
  }

  /** Registers a user through the API with a 2-legged request, answering the access token it comes with. */
  async registerUser(
    consumer: Consumer,
    nickname: string,
    password = 'correct horse 42',
  ): Promise<AccessToken> {
    const answer = await this.send('/api/users', { consumer, json: { nickname, password } });
    expectStatus(answer, 200);
    const { token, secret } = answer.json as { token: string; secret: string };
    return { token, secret };
  }
}

/** The `Authorization: OAuth ...` header for a request, signed with HMAC-SHA1 by the oauth-1.0a library. */
export function signature(url: string, method: string, options: RequestOptions): Record<string, string> {
  const consumer = options.consumer as Consumer;
  const oauth = new OAuth({
    consumer: { key: consumer.key, secret: consumer.secret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  const fixed = oauth as unknown as { getNonce(): string; getTimeStamp(): number };
  if (options.nonce !== undefined) fixed.getNonce = () => options.nonce as string;
  if (options.timestamp !== undefined) fixed.getTimeStamp = () => options.timestamp as number;
  const token =
    options.token === undefined ? undefined : { key: options.token.token, secret: options.token.secret };
  const signed = oauth.authorize({ url, method, data: options.form }, token);
  return { ...oauth.toHeader(signed) };
}

/** Fails with the answer's text when the status is not the one expected, so a failing test says why. */
export function expectStatus(answer: Answer, status: number): void {
  if (answer.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
}

function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        if (/json/.test(String(res.headers['content-type']))) {
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
