import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Checklist } from './checklist';
import { federationLogLines, peerExchanges, pumphouseDeliveries } from './diagnostics';
import { checkDiscovery } from './discovery-checks';
import {
  buildKnowsOutboundAllowedNetworks,
  startPumphouse,
  startPumpio,
  waitUntilServing,
  type NodePlacement,
  type RunningNode,
} from './interop-nodes';
import { collectionItems, PumpApi, type Account } from './pump-api';
import { startRecordingProxy, type Exchange, type RecordingProxy } from './recording-proxy';
import { runScenario } from './scenario';
import { checkSignedFetches } from './wire-checks';

/**
 * The driver of scripts/interop/pumpio-interop.sh, run inside the network namespace it makes: starts a real
 * pump.io (pump-a.test) and this checkout's Pumphouse (house-a.test), each on port 80 under its own name, makes a
 * user on each, lets them follow each other and exchange notes, replies, likes and shares, and prints a PASS/FAIL
 * table. With recording on (the default) each node sits behind a recording proxy on port 80, so the report can
 * show every request one server made to the other.
 */

interface Options {
  readonly work: string;
  readonly pumpioSource: string;
  readonly pumpioNode: string;
  readonly driver: 'sqlite' | 'memory';
  readonly record: boolean;
  readonly checkDeadlineMs: number;
  readonly totalDeadlineMs: number;
}

const ROOT = join(__dirname, '..', '..');
const PUMP: NodePlacement = { hostname: 'pump-a.test', address: '127.0.70.1', port: 80 };
const HOUSE: NodePlacement = { hostname: 'house-a.test', address: '127.0.70.2', port: 80 };
const BEHIND_PROXY_PORT = 8080;
const PASSWORD = 'interop-Pass-4242';

async function main(options: Options): Promise<number> {
  await assertInsideNamespace();
  const list = new Checklist(options.checkDeadlineMs);
  const proxies: RecordingProxy[] = [];
  const nodes: RunningNode[] = [];
  const place = (node: NodePlacement): NodePlacement =>
    options.record ? { ...node, port: BEHIND_PROXY_PORT } : node;
  const giveUp = setTimeout(() => {
    process.stdout.write(`\nTotal deadline of ${options.totalDeadlineMs / 1000} s passed; stopping.\n`);
    void finish(1);
  }, options.totalDeadlineMs);

  async function finish(code: number): Promise<number> {
    clearTimeout(giveUp);
    process.stdout.write(`\n${list.table()}\n`);
    if (!list.passed) report(options, nodes, proxies);
    process.stdout.write(`\nLogs and the full record of every exchange: ${options.work}\n`);
    await Promise.all(nodes.map((node) => node.stop()));
    await Promise.all(proxies.map((proxy) => proxy.close()));
    process.exit(code === 0 && list.passed ? 0 : 1);
  }

  try {
    if (options.record) {
      for (const node of [PUMP, HOUSE]) {
        proxies.push(
          await startRecordingProxy({
            node: node.hostname,
            listen: { host: node.address, port: 80 },
            upstream: { host: node.address, port: BEHIND_PROXY_PORT },
            logFile: join(options.work, 'exchanges.jsonl'),
          }),
        );
      }
    }
    if (!buildKnowsOutboundAllowedNetworks(ROOT)) {
      process.stdout.write(
        'note: this build has no outboundAllowedNetworks key; Pumphouse starts without it\n',
      );
    }
    const pump = startPumpio(options.work, place(PUMP), {
      source: options.pumpioSource,
      nodeBinary: options.pumpioNode,
    });
    nodes.push(pump);
    const house = startPumphouse(options.work, place(HOUSE), { root: ROOT, driver: options.driver });
    nodes.push(house);
    await list.step('pump.io serves pump-a.test on port 80', 'start', () =>
      waitUntilServing(pump, 'http://pump-a.test/.well-known/host-meta.json', 90_000),
    );
    await list.step('Pumphouse serves house-a.test on port 80', 'start', () =>
      waitUntilServing(house, 'http://house-a.test/api/health', 90_000),
    );
    const pumpApi = new PumpApi(PUMP.hostname);
    const houseApi = new PumpApi(HOUSE.hostname);
    const alice = await register(list, pumpApi, 'alice');
    const bob = await register(list, houseApi, 'bob');
    await checkDiscovery(list, houseApi, 'bob');
    if (alice !== undefined && bob !== undefined) {
      await runScenario(list, { alice, bob }, randomBytes(3).toString('hex'));
      for (const account of [alice, bob]) {
        const file = join(options.work, `inbox-${account.nickname}@${account.api.host}.json`);
        writeFileSync(file, `${JSON.stringify(await collectionItems(account, 'inbox'), null, 2)}\n`);
      }
    }
    if (options.record) {
      const exchanges = (): Exchange[] => proxies.flatMap((proxy) => proxy.exchanges);
      await checkSignedFetches(list, exchanges, 'Pumphouse', { name: 'pump.io', host: PUMP.hostname });
      await checkSignedFetches(list, exchanges, 'pump.io', { name: 'Pumphouse', host: HOUSE.hostname });
    }
    return await finish(0);
  } catch (error) {
    process.stdout.write(`\nThe run stopped: ${error instanceof Error ? error.stack : String(error)}\n`);
    return await finish(1);
  }
}

async function register(list: Checklist, api: PumpApi, nickname: string): Promise<Account | undefined> {
  return list.step(`register a client and ${nickname}@${api.host}`, 'API', async () => {
    const consumer = await api.registerClient('pumpio-interop');
    return api.registerUser(consumer, nickname, PASSWORD);
  });
}

/** Refuses to bind port 80 on the real machine: the names must resolve to the namespace's addresses. */
async function assertInsideNamespace(): Promise<void> {
  for (const node of [PUMP, HOUSE]) {
    const { address } = await lookup(node.hostname, { family: 4 }).catch(() => ({ address: 'nothing' }));
    if (address !== node.address) {
      throw new Error(
        `${node.hostname} resolves to ${address}, not ${node.address}: run this through pumpio-interop.sh, ` +
          'which makes the network namespace and its hosts file',
      );
    }
  }
}

function report(options: Options, nodes: RunningNode[], proxies: RecordingProxy[]): void {
  const say = (title: string, lines: string[]): void => {
    process.stdout.write(`\n=== ${title} ===\n${lines.length === 0 ? '(nothing)' : lines.join('\n')}\n`);
  };
  const exchanges = proxies.flatMap((proxy) => proxy.exchanges).sort((a, b) => a.at.localeCompare(b.at));
  if (options.record) say('Requests one server made to the other (recorded)', peerExchanges(exchanges));
  for (const node of nodes) {
    const peer = node.name === PUMP.hostname ? HOUSE.hostname : PUMP.hostname;
    say(
      `${node.name}: log lines about federation, and warnings (${node.logFile})`,
      federationLogLines(node.logFile, peer),
    );
  }
  const house = nodes.find((node) => node.name === HOUSE.hostname);
  if (house !== undefined) say('pumphouse ctl deliveries', [pumphouseDeliveries(ROOT, house).trimEnd()]);
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const work = value('--work');
  const pumpioSource = value('--pumpio');
  if (work === undefined || pumpioSource === undefined) {
    throw new Error(
      'usage: pumpio-interop.ts --work DIR --pumpio DIR [--pumpio-node BIN] [--driver sqlite|memory] [--direct] [--check-deadline S] [--total-deadline S]',
    );
  }
  const driver = value('--driver') ?? 'sqlite';
  if (driver !== 'sqlite' && driver !== 'memory')
    throw new Error(`--driver must be sqlite or memory, not ${driver}`);
  return {
    work,
    pumpioSource,
    pumpioNode: value('--pumpio-node') ?? 'node',
    driver,
    record: !argv.includes('--direct'),
    checkDeadlineMs: Number(value('--check-deadline') ?? 45) * 1000,
    totalDeadlineMs: Number(value('--total-deadline') ?? 900) * 1000,
  };
}

if (require.main === module) {
  void Promise.resolve()
    .then(() => main(parseOptions(process.argv.slice(2))))
    .catch((error: unknown) => {
      process.stderr.write(`pumpio-interop: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    });
}
