import { Agent, request } from 'node:http';

/** What one request of a load run answered. */
export interface Outcome {
  readonly status: number;
  readonly ms: number;
}

/** Figures of one load run. */
export interface LoadFigures {
  readonly requests: number;
  readonly failures: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

/** A request a load worker makes: method, path, headers and body, made fresh for every call (signatures). */
export interface LoadRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** Sends one request on a keep-alive agent and measures it. */
export function send(port: number, agent: Agent, spec: LoadRequest): Promise<Outcome & { body: string }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, agent, method: spec.method, path: spec.path, headers: spec.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (spec.body !== undefined) req.write(spec.body);
    req.end();
  });
}

/**
 * Runs `concurrency` workers, each sending `make(worker, n)` back to back on a keep-alive connection, until
 * `total` requests have been sent. A connection error or a status outside 2xx/3xx counts as a failure.
 */
export async function runLoad(
  port: number,
  concurrency: number,
  total: number,
  make: (worker: number, n: number) => LoadRequest,
): Promise<LoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const times: number[] = [];
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let n = next++; n < total; n = next++) {
        try {
          const outcome = await send(port, agent, make(worker, n));
          times.push(outcome.ms);
          if (outcome.status >= 400) failures += 1;
        } catch {
          failures += 1;
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return {
    requests: total,
    failures,
    perSecond: total / seconds,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
  };
}
