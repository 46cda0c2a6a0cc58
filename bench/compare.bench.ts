/**
 * `npm run bench:compare`: the client of issue 17 (16 keep-alive connections, OAuth 1.0a-signed requests, a reader
 * following a poster, N posts by the poster, then 20-item pages of the reader's inbox) against Pumphouse with 2
 * workers and with 1 (SQLite), and against pump.io (1 worker, memory store) when PUMPIO_DIR and PUMPIO_NODE are
 * set; otherwise against a bare node:http server, the ceiling of this machine. The servers run one after another,
 * interleaved, each started fresh, for 3 rounds; the table gives the medians, with p50/p95 latency beside every
 * rate, the resident memory of master and workers at the start and after the work, and the load average at the
 * start of every run. Talks only to 127.0.0.1; stops every server it started.
 *
 * Environment: COMPARE_POSTS (default 1000; the figure is 10000), COMPARE_READS (default 2000),
 * COMPARE_ROUNDS (default 3), PUMPIO_DIR and PUMPIO_NODE (a pump.io checkout and the Node 14 that runs it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PumpClient, signature, type AccessToken, type Consumer } from '../test/e2e/support/pump-client';
import {
  childrenOf,
  loadAverage,
  rssMiB,
  startCeiling,
  startPumphouse,
  startPumpio,
  type ServerUnderTest,
} from './support/compare-servers';
import { median, renderTable, type RunFigures } from './support/compare-table';
import { runLoad, type LoadRequest } from './support/load';

const CONCURRENCY = 16;
const PAGE = 20;

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, not ${raw}`);
  return value;
}

const progress = (step: string) =>
  process.stderr.write(`[bench:compare] ${new Date().toISOString()} ${step}\n`);

function signed(
  port: number,
  method: string,
  path: string,
  consumer: Consumer,
  token: AccessToken,
  json?: unknown,
): LoadRequest {
  const headers: Record<string, string> = {
    Host: `localhost:${port}`,
    ...signature(`http://localhost:${port}${path}`, method, { consumer, token }),
  };
  if (json === undefined) return { method, path, headers };
  headers['Content-Type'] = 'application/json';
  return { method, path, headers, body: JSON.stringify(json) };
}

function memory(server: ServerUnderTest): { master: number; workers: number[] } {
  return { master: rssMiB(server.masterPid), workers: childrenOf(server.masterPid).map(rssMiB) };
}

/** The social setup through the API: a client, a poster and a reader who follows the poster. */
async function setUp(
  port: number,
): Promise<{ consumer: Consumer; poster: AccessToken; reader: AccessToken }> {
  const client = new PumpClient(port);
  const consumer = await client.registerClient('bench compare');
  const poster = await client.registerUser(consumer, 'poster', 'poster-password-42');
  const reader = await client.registerUser(consumer, 'reader', 'reader-password-42');
  const profile = await client.send('/api/user/poster', { consumer, token: reader });
  const posterId = (profile.json as { profile: { id: string } }).profile.id;
  const follow = await client.send('/api/user/reader/feed', {
    consumer,
    token: reader,
    json: { verb: 'follow', object: { objectType: 'person', id: posterId } },
  });
  if (follow.status !== 200) throw new Error(`follow failed: ${follow.status} ${follow.text.slice(0, 300)}`);
  return { consumer, poster, reader };
}

async function measure(
  server: ServerUnderTest,
  posts: number,
  reads: number,
  ceiling: boolean,
): Promise<RunFigures> {
  const load = loadAverage();
  const atStart = memory(server);
  const port = server.port;
  let postLoad: (worker: number, n: number) => LoadRequest;
  let readLoad: () => LoadRequest;
  let checkInbox = async (): Promise<void> => undefined;
  if (ceiling) {
    postLoad = (_worker, n) => ({
      method: 'POST',
      path: '/',
      headers: { 'Content-Type': 'application/json' },
      body: `{"n":${n}}`,
    });
    readLoad = () => ({ method: 'GET', path: '/', headers: {} });
  } else {
    const { consumer, poster, reader } = await setUp(port);
    postLoad = (_worker, n) =>
      signed(port, 'POST', '/api/user/poster/feed', consumer, poster, {
        verb: 'post',
        object: { objectType: 'note', content: `Compare note ${n}` },
      });
    readLoad = () => signed(port, 'GET', `/api/user/reader/inbox?count=${PAGE}`, consumer, reader);
    // The reads must read something: a page of the reader's inbox holds the poster's notes.
    checkInbox = async () => {
      const page = await new PumpClient(port).send(`/api/user/reader/inbox?count=${PAGE}`, {
        consumer,
        token: reader,
      });
      const items = (page.json as { items?: unknown[] } | undefined)?.items?.length ?? 0;
      if (items < Math.min(PAGE, posts))
        throw new Error(`${server.label}: the reader's inbox holds ${items} items`);
    };
  }
  const postFigures = await runLoad(port, CONCURRENCY, posts, postLoad);
  await checkInbox();
  const readFigures = await runLoad(port, CONCURRENCY, reads, readLoad);
  return {
    label: server.label,
    load,
    atStart,
    afterWork: memory(server),
    posts: postFigures,
    reads: readFigures,
  };
}

async function main(): Promise<void> {
  const posts = numberFromEnv('COMPARE_POSTS', 1000);
  const reads = numberFromEnv('COMPARE_READS', 2000);
  const rounds = numberFromEnv('COMPARE_ROUNDS', 3);
  const pumpioDir = process.env.PUMPIO_DIR;
  const pumpioNode = process.env.PUMPIO_NODE;
  const withPumpio = Boolean(pumpioDir) && Boolean(pumpioNode);
  const work = mkdtempSync(join(tmpdir(), 'pumphouse-bench-compare-'));

  type Contender = { name: string; start: () => Promise<ServerUnderTest>; ceiling: boolean };
  const contenders: Contender[] = [
    ...(withPumpio
      ? [
          {
            name: 'pump.io',
            start: () => startPumpio(work, pumpioDir as string, pumpioNode as string),
            ceiling: false,
          },
        ]
      : [{ name: 'ceiling', start: startCeiling, ceiling: true }]),
    { name: 'pumphouse-2', start: () => startPumphouse(work, 2), ceiling: false },
    { name: 'pumphouse-1', start: () => startPumphouse(work, 1), ceiling: false },
  ];
  const results = new Map<string, RunFigures[]>(contenders.map((c) => [c.name, []]));
  try {
    for (let round = 0; round < rounds; round += 1) {
      // Interleaved: each round starts with the next contender, so none always runs on the coolest machine.
      const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
      for (const contender of order) {
        progress(`round ${round + 1}/${rounds}: ${contender.name}, ${posts} posts, ${reads} reads`);
        const server = await contender.start();
        try {
          const run = await measure(server, posts, reads, contender.ceiling);
          (results.get(contender.name) as RunFigures[]).push(run);
          progress(
            `  posts/s ${run.posts.perSecond.toFixed(0)} (failures ${run.posts.failures}), reads/s ${run.reads.perSecond.toFixed(0)} (failures ${run.reads.failures}), load ${run.load}`,
          );
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const columns = contenders.map((c) => median(c.name, results.get(c.name) as RunFigures[]));
  console.log(
    `\n${posts} posts, then ${reads} reads of ${PAGE}-item inbox pages; ${CONCURRENCY} keep-alive connections, OAuth 1.0a; ${rounds} rounds, medians\n`,
  );
  console.log(renderTable(columns, withPumpio ? 0 : null, posts));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
