/**
 * `npm run bench:federation`: one post by a local user to 1,000 remote followers spread over 10 remote pump.io
 * nodes, through the production pipeline (PostActivity, DistributeActivity, the durable job queue on SQLite, the
 * DeliveryRunner, the pump.io transport signing each request with 2-legged OAuth, the guarded HTTP client), until
 * every follower's inbox has it. The receivers are light node:http servers in this process on 127.0.0.1 (one port
 * each, names r0.test ... r9.test resolved to 127.0.0.1 by the guarded client's resolver), which parse the JSON
 * body and answer 200. Then the same with one receiver down (its port closed): the time until the other nine have
 * theirs, and what happened to the down node's deliveries.
 *
 * The baseline, measured in the same run: the same JSON bodies POSTed straight to the same receivers by
 * node:http with the same number in flight, no queue and no signing: the ceiling of this machine's loopback.
 *
 * Credentials at the receivers are stored before the post (as after a first registration through Dialback):
 * registration is a one-off per (host, actor) and is covered by the federation e2e suite, not timed here.
 *
 * Flags: --followers N (default 1000), --nodes N (default 10). Talks only to 127.0.0.1; stops its servers.
 */
import 'reflect-metadata';

import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GuardedHttpClient } from '../src/adapters/http-client/guarded-http-client';
import type { HostResolver } from '../src/adapters/http-client/guarded-lookup';
import { DELIVER_QUEUE } from '../src/application/delivery/delivery-jobs';
import type { Logger } from '../src/application/ports/logger.port';
import { Storage } from '../src/application/ports/storage/unit-of-work.port';
import { localPerson } from '../src/domain/site/local-person';
import { SiteUrls } from '../src/domain/site/site-urls';
import { loadConfig } from '../src/infrastructure/config/config.loader';
import { createContainer } from '../src/infrastructure/container/container';
import { type UseCases, UseCasesToken } from '../src/infrastructure/container/use-cases';

const DEADLINE_MS = 5 * 60_000;

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

/** A light remote node: counts the deliveries to each inbox path, answers 200 to every POST. */
class Receiver {
  readonly deliveries = new Map<string, number>();
  bodies: string[] = [];
  private server: Server | undefined;
  port = 0;

  constructor(readonly name: string) {}

  get host(): string {
    return `${this.name}:${this.port}`;
  }

  get total(): number {
    let total = 0;
    for (const count of this.deliveries.values()) total += count;
    return total;
  }

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        JSON.parse(body);
        if (this.bodies.length < 1) this.bodies.push(body);
        const path = req.url ?? '';
        this.deliveries.set(path, (this.deliveries.get(path) ?? 0) + 1);
        res.setHeader('Content-Type', 'application/json');
        res.end('{}');
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  reset(): void {
    this.deliveries.clear();
  }
}

const resolveToLoopback: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];

interface PipelineFigures {
  readonly delivered: number;
  readonly ms: number;
  readonly perSecond: number;
  /** How many of the down node's deliveries are waiting for a retry at the end (the down run only). */
  readonly waiting?: number;
  readonly duplicates: number;
}

/** One node of ours on SQLite with `followers` remote followers over `receivers`; posts once and times delivery. */
async function runPipeline(
  receivers: readonly Receiver[],
  followers: number,
  down: Receiver | null,
): Promise<PipelineFigures> {
  const cwd = mkdtempSync(join(tmpdir(), 'pumphouse-bench-federation-'));
  const config = loadConfig({
    env: { PUMPHOUSE_SECRET: 'bench secret', PUMPHOUSE_HOSTNAME: 'home.test', PUMPHOUSE_DRIVER: 'sqlite' },
    cwd,
  });
  const container = createContainer(config, {
    logger: silent,
    outboundHttp: new GuardedHttpClient({ allowedNetworks: ['127.0.0.0/8'], resolve: resolveToLoopback }),
  });
  const storage = container.get<Storage>(Storage);
  try {
    const site = SiteUrls.fromBaseUrl(config.publicBaseUrl);
    const now = new Date().toISOString();
    const star = site.personId('star');
    await storage.users.create({
      nickname: 'star',
      passwordHash: '$2b$10$xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      profileId: star,
      published: now,
      updated: now,
    });
    await storage.objects.save(localPerson(site, 'star'));
    await storage.run(async (tx) => {
      for (let n = 0; n < followers; n += 1) {
        const receiver = receivers[n % receivers.length];
        const origin = `http://${receiver.host}`;
        const id = `${origin}/api/user/u${n}/profile`;
        await tx.objects.save({
          id,
          objectType: 'person',
          preferredUsername: `u${n}`,
          links: { 'activity-inbox': { href: `${origin}/api/user/u${n}/inbox` } },
        });
        await tx.follows.follow(id, star);
      }
      for (const receiver of receivers) {
        await tx.remoteClients.save({
          host: receiver.host,
          identity: `star@${site.hostname}`,
          clientId: `bench-${receiver.name}`,
          clientSecret: 'bench-secret',
          created: now,
        });
      }
    });

    const { publishing, deliveries } = container.get<UseCases>(UseCasesToken);
    const expected =
      receivers.filter((receiver) => receiver !== down).length * (followers / receivers.length);
    const arrived = () =>
      receivers.reduce((sum, receiver) => sum + (receiver === down ? 0 : receiver.deliveries.size), 0);
    const started = performance.now();
    await publishing.postActivity.execute({
      origin: {
        kind: 'local',
        nickname: 'star',
        principal: {
          clientId: 'bench',
          user: { nickname: 'star', personId: star },
          remoteActor: null,
          generator: { id: 'urn:uuid:bench', objectType: 'application', displayName: 'bench' },
        },
      },
      body: {
        verb: 'post',
        object: { objectType: 'note', content: 'One post to many servers.' },
        to: [{ id: 'http://activityschema.org/collection/public', objectType: 'collection' }],
        cc: [{ id: site.followersCollectionId('star'), objectType: 'collection' }],
      },
    });
    // What the periodic `deliver` task does, without its pauses: run due deliveries until all have arrived.
    while (arrived() < expected) {
      if (performance.now() - started > DEADLINE_MS) {
        throw new Error(`only ${arrived()} of ${expected} deliveries arrived in ${DEADLINE_MS / 1000} s`);
      }
      const taken = await deliveries.runner.runDue('bench');
      if (taken === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const ms = performance.now() - started;
    const duplicates = receivers.reduce(
      (sum, receiver) => sum + receiver.total - receiver.deliveries.size,
      0,
    );
    const waiting =
      down === null
        ? undefined
        : (await storage.jobs.list(DELIVER_QUEUE, { states: ['pending'], group: down.host, limit: 1000 }))
            .length;
    return { delivered: expected, ms, perSecond: (expected / ms) * 1000, waiting, duplicates };
  } finally {
    await storage.close();
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** The same bodies, straight from node:http to the receivers' inboxes, `inFlight` at a time: the ceiling. */
async function runBaseline(
  receivers: readonly Receiver[],
  followers: number,
  body: string,
  inFlight: number,
): Promise<{ ms: number; perSecond: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  let next = 0;
  const post = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const receiver = receivers[n % receivers.length];
      const req = request(
        {
          agent,
          host: '127.0.0.1',
          port: receiver.port,
          method: 'POST',
          path: `/baseline/u${n}/inbox`,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < followers) await post(next++);
    }),
  );
  const ms = performance.now() - started;
  agent.destroy();
  return { ms, perSecond: (followers / ms) * 1000 };
}

const fixed = (value: number, digits = 0) => value.toFixed(digits);

async function main(): Promise<void> {
  const followers = flag('followers', 1000);
  const nodes = flag('nodes', 10);
  if (followers % nodes !== 0) throw new Error('--followers must be a multiple of --nodes');
  const receivers = Array.from({ length: nodes }, (_, n) => new Receiver(`r${n}.test`));
  for (const receiver of receivers) await receiver.start();
  try {
    const all = await runPipeline(receivers, followers, null);
    const body = receivers[0].bodies[0];
    // The runner's default: 8 deliveries in flight per process.
    const baseline = await runBaseline(receivers, followers, body, 8);
    for (const receiver of receivers) receiver.reset();

    const down = receivers[nodes - 1];
    const port = down.port;
    await down.stop();
    const withDown = await runPipeline(receivers, followers, down);
    await down.start(port);

    const rows = [
      [
        'baseline: node:http POSTs of the same body, 8 in flight',
        followers,
        baseline.ms,
        baseline.perSecond,
        '1.00',
      ],
      [
        `pipeline: ${followers} followers on ${nodes} nodes`,
        all.delivered,
        all.ms,
        all.perSecond,
        fixed(all.perSecond / baseline.perSecond, 2),
      ],
      [
        `pipeline, 1 node down: the other ${nodes - 1}`,
        withDown.delivered,
        withDown.ms,
        withDown.perSecond,
        fixed(withDown.perSecond / baseline.perSecond, 2),
      ],
    ] as const;
    console.log(`\n## bench:federation (${new Date().toISOString()}, Node ${process.version})\n`);
    console.log('| run | deliveries | ms until all arrived | deliveries/s | ratio to baseline |');
    console.log('|---|---|---|---|---|');
    for (const [what, count, ms, perSecond, ratio] of rows) {
      console.log(`| ${what} | ${count} | ${fixed(ms)} | ${fixed(perSecond)} | ${ratio} |`);
    }
    console.log(
      `\nDuplicates: ${all.duplicates} (all up), ${withDown.duplicates} (one down). ` +
        `The down node's ${followers / nodes} deliveries: ${withDown.waiting} waiting for a retry when the others had all arrived.`,
    );
    console.log(`Goal: at least 500 deliveries/s: ${all.perSecond >= 500 ? 'met' : 'NOT met'}.`);
  } finally {
    for (const receiver of receivers) await receiver.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
