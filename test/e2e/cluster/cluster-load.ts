import { Agent, request } from 'node:http';

import { type AccessToken, type Consumer, signature } from '../support/pump-client';

/** One answer of the load. */
export interface LoadAnswer {
  readonly status: number;
  readonly body: string;
  readonly ms: number;
}

/** What the load saw. */
export interface LoadTally {
  requests: number;
  /** Connection errors, resets and timeouts, with their messages. */
  errors: string[];
  /** Answers that were not 200, as "status method path". */
  bad: string[];
  /** Ids of the activities whose post answered 200. */
  posted: string[];
  latenciesMs: number[];
}

/** The signed API client the load uses: one keep-alive agent, requests on 127.0.0.1 with the public Host. */
export class SignedAgent {
  readonly agent: Agent;

  constructor(
    readonly port: number,
    private readonly consumer: Consumer,
    private readonly token: AccessToken,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  send(method: string, path: string, json?: unknown, timeoutMs = 10_000): Promise<LoadAnswer> {
    const base = `http://localhost:${this.port}`;
    const headers: Record<string, string> = {
      Host: `localhost:${this.port}`,
      ...signature(`${base}${path}`, method, { consumer: this.consumer, token: this.token }),
    };
    const body = json === undefined ? undefined : JSON.stringify(json);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}

/**
 * Posts are spaced by this much: the server limits API writes to 300 a minute per address (issue #4), and every
 * load request comes from 127.0.0.1.
 */
export const POST_INTERVAL_MS = 250;

/**
 * `connections` loops, each sending back to back on the shared keep-alive agent: a note post every
 * {@link POST_INTERVAL_MS} (whichever loop comes first), otherwise reads of the user and of their feed. Runs until
 * `shouldStop()` or `maxRequests`.
 */
export async function runApiLoad(
  client: SignedAgent,
  nickname: string,
  connections: number,
  shouldStop: () => boolean,
  maxRequests: number,
  tally: LoadTally,
  /** Requests per second over all loops; absent, each loop sends back to back (a saturating load). */
  ratePerSecond?: number,
): Promise<void> {
  // Paced: each loop keeps its own schedule, one request every `connections / rate` seconds; a late answer makes
  // the next request start at once rather than shifting the whole schedule (close to an open-loop load).
  const intervalMs = ratePerSecond === undefined ? 0 : (1000 * connections) / ratePerSecond;
  let nextPostAt = 0;
  const one = async (n: number): Promise<void> => {
    const post = performance.now() >= nextPostAt;
    if (post) nextPostAt = performance.now() + POST_INTERVAL_MS;
    const method = post ? 'POST' : 'GET';
    const path = post || n % 2 === 0 ? `/api/user/${nickname}/feed` : `/api/user/${nickname}`;
    const json = post ? { verb: 'post', object: { objectType: 'note', content: `load ${n}` } } : undefined;
    try {
      const answer = await client.send(method, path, json);
      tally.latenciesMs.push(answer.ms);
      if (answer.status !== 200) tally.bad.push(`${answer.status} ${method} ${path}`);
      else if (post) tally.posted.push((JSON.parse(answer.body) as { id: string }).id);
    } catch (error) {
      tally.errors.push(`${method} ${path}: ${(error as Error).message}`);
    }
  };
  await Promise.all(
    Array.from({ length: connections }, async (_, loop) => {
      let dueAt = performance.now() + (intervalMs * loop) / connections;
      while (!shouldStop() && tally.requests < maxRequests) {
        const wait = dueAt - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        dueAt = Math.max(dueAt + intervalMs, performance.now());
        const n = tally.requests;
        tally.requests += 1;
        await one(n);
      }
    }),
  );
}

/** An empty tally. */
export function newTally(): LoadTally {
  return { requests: 0, errors: [], bad: [], posted: [], latenciesMs: [] };
}
