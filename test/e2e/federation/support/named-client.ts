import { request } from 'node:http';
import { request as tlsRequest } from 'node:https';

import {
  type AccessToken,
  type Answer,
  type Consumer,
  expectStatus,
  type RequestOptions,
  signature,
} from '../../support/pump-client';

/**
 * A pump.io API client for a node known by its name on port 80 inside the namespace (`http://a.test`): it signs
 * against that public URL and connects to the name, which the namespace's hosts file resolves. With `https`, the
 * node is `https://<name>` on port 443 (the ActivityPub suite, test/e2e/activitypub; the certificate's CA comes
 * from NODE_EXTRA_CA_CERTS).
 */
export class NamedClient {
  readonly base: string;

  constructor(
    readonly host: string,
    readonly scheme: 'http' | 'https' = 'http',
  ) {
    this.base = `${scheme}://${host}`;
  }

  async send(path: string, options: RequestOptions = {}): Promise<Answer> {
    const hasBody = options.json !== undefined || options.form !== undefined || options.raw !== undefined;
    const method = options.method ?? (hasBody ? 'POST' : 'GET');
    const headers: Record<string, string> = { Host: this.host, ...(options.headers ?? {}) };
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
    if (options.consumer !== undefined)
      Object.assign(headers, signature(`${this.base}${path}`, method, options));
    const port = this.scheme === 'https' ? 443 : 80;
    return httpExchange({ host: this.host, port, method, path, headers, tls: this.scheme === 'https' }, body);
  }

  async registerClient(name = 'federation e2e client'): Promise<Consumer> {
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

  async registerUser(consumer: Consumer, nickname: string): Promise<AccessToken> {
    const answer = await this.send('/api/users', {
      consumer,
      json: { nickname, password: `${nickname}-password-1` },
    });
    expectStatus(answer, 200);
    const { token, secret } = answer.json as { token: string; secret: string };
    return { token, secret };
  }
}

/** One HTTP exchange; the body is parsed when the answer says it is JSON. */
export function httpExchange(
  target: {
    host: string;
    port: number;
    method: string;
    path: string;
    headers: Record<string, string>;
    tls?: boolean;
  },
  body?: string | Buffer,
): Promise<Answer> {
  const { tls, ...options } = target;
  const send = tls === true ? tlsRequest : request;
  return new Promise((resolve, reject) => {
    const req = send({ ...options, agent: false }, (res) => {
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
    req.setTimeout(30_000, () =>
      req.destroy(
        new Error(
          `${target.method} ${tls === true ? 'https' : 'http'}://${target.host}${target.path}: no answer in 30 s`,
        ),
      ),
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
