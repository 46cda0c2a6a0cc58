/**
 * `npm run bench:api`: the pump.io API of one `pumphouse` process on the SQLite default, against a bare node:http
 * hello-world measured in the same run as the ceiling. Prints a markdown table. Talks only to 127.0.0.1 and stops
 * its servers when done.
 *
 * Flags: --posts N (default 4000), --reads N (default 6000), --followers N (default 10000), --rss-posts N
 * (default 10000). Also, in-process on its own SQLite file: the time to plan the remote deliveries of a post to
 * 10,000 followers on 500 hosts, the median of 5 runs on fresh stores (bench/support/delivery-planning.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  cleanEnv,
  freePort,
  spawnPumphouse,
  waitUntilHealthy,
  type PumphouseProcess,
} from '../test/e2e/pumphouse-process';
import { type AccessToken, type Consumer, PumpClient, signature } from '../test/e2e/support/pump-client';
import { benchDeliveryPlanning } from './support/delivery-planning';
import { type LoadFigures, type LoadRequest, runLoad, send } from './support/load';

const CONCURRENCY = 16;

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

/** The one worker the master forked: the process that serves, whose memory is measured. */
function onlyChildOf(masterPid: number): number {
  const children = readFileSync(`/proc/${masterPid}/task/${masterPid}/children`, 'utf8').trim().split(/\s+/);
  if (children.length !== 1)
    throw new Error(`expected one worker under the master, found ${children.join(' ')}`);
  return Number(children[0]);
}

/** A bare node:http server in its own process: the ceiling every figure is compared with. */
async function startCeiling(): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const source = `require('node:http').createServer((q, s) => { s.setHeader('Content-Type', 'application/json; charset=utf-8'); s.end('{"hello":"world"}'); }).listen(${port}, '127.0.0.1', () => process.send('ready'));`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise((resolve) => child.once('message', resolve));
  return { port, child };
}

function signedRequest(
  client: PumpClient,
  method: string,
  path: string,
  consumer: Consumer,
  token: AccessToken,
  json?: unknown,
): LoadRequest {
  const headers: Record<string, string> = {
    Host: `localhost:${client.port}`,
    ...signature(`${client.base}${path}`, method, { consumer, token }),
  };
  if (json === undefined) return { method, path, headers };
  headers['Content-Type'] = 'application/json';
  return { method, path, headers, body: JSON.stringify(json) };
}

/** Progress on stderr, so a long run shows where it is; the table goes to stdout. */
const progress = (step: string) => process.stderr.write(`[bench:api] ${new Date().toISOString()} ${step}\n`);

const note = (n: number) => ({ verb: 'post', object: { objectType: 'note', content: `Bench note ${n}` } });

/** How many follower inboxes do not hold `postId` at their head, read right after the POST answered. */
async function countInboxesWithout(
  client: PumpClient,
  consumer: Consumer,
  followers: number,
  postId: string,
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  let missing = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let n = next++; n < followers; n = next++) {
        const token = { token: `tok-f${n}`, secret: `sec-f${n}` };
        const answer = await send(
          client.port,
          agent,
          signedRequest(client, 'GET', `/api/user/f${n}/inbox?count=1`, consumer, token),
        );
        const items =
          answer.status === 200
            ? ((JSON.parse(answer.body) as { items?: { id: string }[] }).items ?? [])
            : [];
        if (items[0]?.id !== postId) missing += 1;
      }
    }),
  );
  agent.destroy();
  return missing;
}

async function main(): Promise<void> {
  const posts = flag('posts', 4000);
  const reads = flag('reads', 6000);
  const followers = flag('followers', 10_000);
  const rssPosts = flag('rss-posts', 10_000);

  const work = mkdtempSync(join(tmpdir(), 'pumphouse-bench-api-'));
  const ceiling = await startCeiling();
  let server: PumphouseProcess | undefined;
  try {
    const port = await freePort();
    const clientId = 'bench-client';
    const clientSecret = 'bench-client-secret-0123456789abcdef';
    // Followers come from the config (pump.io's `users` key) with ready tokens: registering 10,000 users
    // through the API would measure registration, not fan-out.
    const users = Array.from({ length: followers }, (_, n) => ({
      nickname: `f${n}`,
      password: `follower-pass-${n}`,
      tokens: [{ token: `tok-f${n}`, token_secret: `sec-f${n}`, client_id: clientId }],
    }));
    const config = join(work, 'pump.io.json');
    writeFileSync(
      config,
      JSON.stringify({
        port,
        address: '127.0.0.1',
        dataDir: join(work, 'data'),
        bcryptCost: 4,
        logLevel: 'warn',
        // One server process, as the issue asks: the master forks exactly one worker.
        workers: 1,
        // Every bench client comes from 127.0.0.1: per-address limits would measure the limiter, not the API.
        rateLimits: {
          apiWrites: { points: 0, durationSeconds: 60 },
          registration: { points: 0, durationSeconds: 60 },
        },
        clients: [{ client_id: clientId, client_secret: clientSecret, title: 'bench' }],
        users,
      }),
    );
    progress(`starting a node with ${followers} configured followers`);
    server = spawnPumphouse(['start', '-c', config], { cwd: work, env: cleanEnv() });
    await waitUntilHealthy(port, server, 300_000);
    const pid = onlyChildOf(server.child.pid as number);
    const client = new PumpClient(port);
    const consumer: Consumer = { key: clientId, secret: clientSecret };

    // Writers: 16 users registered through the API, one per concurrent client.
    const writers: { nick: string; token: AccessToken }[] = [];
    for (let n = 0; n < CONCURRENCY; n += 1) {
      const nick = `writer${n}`;
      writers.push({ nick, token: await client.registerUser(consumer, nick, `writer-pass-${n}-x`) });
    }
    const rssAtStart = rssMiB(pid);

    const rows: [string, LoadFigures, LoadFigures][] = [];
    const ceilingRun = (total: number) =>
      runLoad(ceiling.port, CONCURRENCY, total, () => ({ method: 'GET', path: '/', headers: {} }));

    progress(`note posts: ${posts}`);
    const postFigures = await runLoad(port, CONCURRENCY, posts, (worker, n) => {
      const writer = writers[worker];
      return signedRequest(client, 'POST', `/api/user/${writer.nick}/feed`, consumer, writer.token, note(n));
    });
    rows.push(['note posts, 16 clients', postFigures, await ceilingRun(posts)]);

    progress(`inbox reads: ${reads}`);
    const reader = writers[0];
    const readFigures = await runLoad(port, CONCURRENCY, reads, () =>
      signedRequest(client, 'GET', `/api/user/${reader.nick}/inbox?count=20`, consumer, reader.token),
    );
    rows.push(['inbox reads of 20, 16 clients', readFigures, await ceilingRun(reads)]);

    // Fan-out: every follower follows the star, then the star posts once.
    const star = writers[1];
    const starId = `${client.base}/api/user/${star.nick}/profile`;
    progress(`${followers} followers follow the star`);
    const follows = await runLoad(port, CONCURRENCY, followers, (_worker, n) =>
      signedRequest(
        client,
        'POST',
        `/api/user/f${n}/feed`,
        consumer,
        { token: `tok-f${n}`, secret: `sec-f${n}` },
        { verb: 'follow', object: { objectType: 'person', id: starId } },
      ),
    );
    progress('the star posts; then every follower inbox is read');
    const agent = new Agent({ keepAlive: true });
    const started = process.hrtime.bigint();
    const posted = await send(
      port,
      agent,
      signedRequest(client, 'POST', `/api/user/${star.nick}/feed`, consumer, star.token, note(-1)),
    );
    const postId = (JSON.parse(posted.body) as { id: string }).id;
    // The POST answers after local fan-out; check every follower's inbox head to prove it.
    const answered = Number(process.hrtime.bigint() - started) / 1e6;
    const missing = await countInboxesWithout(client, consumer, followers, postId);
    agent.destroy();

    // Resident memory after many more posts: growth should track the data, not leak per request. The star
    // sits this one out, or each of its posts would fan out to every follower and measure that instead.
    progress(`resident memory: ${rssPosts} more posts`);
    const others = writers.filter((writer) => writer !== star);
    await runLoad(port, CONCURRENCY, rssPosts, (worker, n) => {
      const writer = others[worker % others.length];
      return signedRequest(client, 'POST', `/api/user/${writer.nick}/feed`, consumer, writer.token, note(n));
    });
    const rssAfter = rssMiB(pid);

    progress('planning the remote deliveries of a post to 10,000 followers on 500 hosts');
    const planning = await benchDeliveryPlanning(10_000, 500);

    console.log(`\nPumphouse API, one process, SQLite, ${CONCURRENCY} concurrent keep-alive clients\n`);
    console.log('| figure | pumphouse | ceiling (bare node:http) | ratio | failures |');
    console.log('|---|---|---|---|---|');
    for (const [name, ours, bare] of rows) {
      console.log(
        `| ${name} (req/s) | ${ours.perSecond.toFixed(0)} | ${bare.perSecond.toFixed(0)} | ${(ours.perSecond / bare.perSecond).toFixed(3)} | ${ours.failures} |`,
      );
      console.log(
        `| ${name} p99 ms | ${ours.p99Ms.toFixed(1)} | ${bare.p99Ms.toFixed(1)} | ${(ours.p99Ms / bare.p99Ms).toFixed(1)} | |`,
      );
    }
    console.log(
      `| ${followers} follows set up (req/s) | ${follows.perSecond.toFixed(0)} | | | ${follows.failures} |`,
    );
    console.log(
      `| post to ${followers} local followers: answered with fan-out done, ms | ${answered.toFixed(0)} | | | ${missing} inboxes without it |`,
    );
    console.log(
      `| resident memory MiB: after start → after ${rssPosts} more posts | ${rssAtStart.toFixed(0)} → ${rssAfter.toFixed(0)} | | ${(rssAfter / rssAtStart).toFixed(2)} | |`,
    );
    const planningRuns = planning.runsMs.map((ms) => ms.toFixed(0)).join(', ');
    console.log(
      `| plan deliveries of a post to ${planning.followers} remote followers on ${planning.hosts} hosts (goal < 100), median ms of ${planning.runsMs.length} runs (each run, the first cold: ${planningRuns}; median CPU ${planning.cpuMs.toFixed(0)}) | ${planning.ms.toFixed(0)} | | | ${planning.jobs} jobs (goal ${planning.hosts}) |`,
    );
  } finally {
    ceiling.child.kill();
    if (server !== undefined) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
