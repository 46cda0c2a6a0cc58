import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

import { DRIVER_USER_AGENT } from './recording-proxy';

/** Where one node listens: its public name on port 80, and the address and port its process binds. */
export interface NodePlacement {
  readonly hostname: string;
  readonly address: string;
  /** 80 when the node faces the peer directly; another port when a recording proxy holds port 80. */
  readonly port: number;
}

/** A server process started by the driver, with its log files. */
export interface RunningNode {
  readonly name: string;
  readonly child: ChildProcess;
  readonly dir: string;
  readonly logFile: string;
  readonly outputFile: string;
  readonly configFile: string;
  stop(): Promise<void>;
}

export interface PumpioOptions {
  readonly source: string;
  readonly nodeBinary: string;
}

export interface PumphouseOptions {
  readonly root: string;
  readonly driver: 'sqlite' | 'memory';
}

/**
 * The environment a server starts with: the driver's, without any PUMPIO_* or PUMPHOUSE_* variable, because
 * both servers read their configuration from those and a stray one would change what is tried.
 */
export function serverEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(PUMPIO|PUMPHOUSE)_/.test(name)),
  );
}

/** pump.io with the memory driver and one worker, configured as PEERS.md says (no firehose, no web UI). */
export function startPumpio(work: string, place: NodePlacement, options: PumpioOptions): RunningNode {
  const dir = join(work, place.hostname);
  mkdirSync(dir, { recursive: true });
  const config = {
    driver: 'memory',
    params: {},
    secret: randomBytes(16).toString('hex'),
    hostname: place.hostname,
    address: place.address,
    port: place.port,
    urlPort: 80,
    children: 1,
    noweb: true,
    site: place.hostname,
    logfile: join(dir, 'pump.log'),
    logLevel: 'debug',
    enableUploads: false,
    requireEmail: false,
    firehose: '',
    sockjs: false,
    noCDN: true,
    compress: false,
    controlSocket: join(dir, 'pump.socket'),
  };
  return launch(place.hostname, dir, config, config.logfile, (configFile) =>
    spawn(options.nodeBinary, ['bin/pump', '-c', configFile], { cwd: options.source, env: serverEnv() }),
  );
}

/**
 * Pumphouse from this checkout's dist/, configured as an admin would for port 80 under its own name. The
 * outbound guard must allow the namespace's addresses: `outboundAllowedNetworks` is passed when the build knows
 * the key (older builds refuse unknown keys).
 */
export function startPumphouse(work: string, place: NodePlacement, options: PumphouseOptions): RunningNode {
  const dir = join(work, place.hostname);
  mkdirSync(dir, { recursive: true });
  const config: Record<string, unknown> = {
    driver: options.driver,
    dataDir: join(dir, 'data'),
    hostname: place.hostname,
    address: place.address,
    port: place.port,
    urlPort: 80,
    site: place.hostname,
    logfile: join(dir, 'pumphouse.log'),
    logLevel: 'debug',
    controlSocket: join(dir, 'pumphouse.sock'),
  };
  if (buildKnowsOutboundAllowedNetworks(options.root)) {
    config.outboundAllowedNetworks = [`${place.address.split('.').slice(0, 3).join('.')}.0/24`];
  }
  return launch(place.hostname, dir, config, String(config.logfile), (configFile) =>
    spawn(process.execPath, [join(options.root, 'bin', 'pumphouse.js'), 'start', '-c', configFile], {
      cwd: dir,
      env: serverEnv(),
    }),
  );
}

export function buildKnowsOutboundAllowedNetworks(root: string): boolean {
  try {
    const table = join(root, 'dist', 'infrastructure', 'config');
    return readdirSync(table).some(
      (file) =>
        file.endsWith('.js') && readFileSync(join(table, file), 'utf8').includes('outboundAllowedNetworks'),
    );
  } catch {
    return false;
  }
}

function launch(
  name: string,
  dir: string,
  config: Record<string, unknown>,
  logFile: string,
  start: (configFile: string) => ChildProcess,
): RunningNode {
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  const outputFile = join(dir, 'output.log');
  const child = start(configFile);
  const output = createWriteStream(outputFile, { flags: 'a' });
  child.stdout?.pipe(output);
  child.stderr?.pipe(output);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    dir,
    logFile,
    outputFile,
    configFile,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 200, the process dies, or the deadline passes. */
export async function waitUntilServing(node: RunningNode, url: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (node.child.exitCode !== null) {
      throw new Error(`${node.name} exited with ${node.child.exitCode}; see ${node.outputFile}`);
    }
    if ((await probe(url)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${node.name} did not answer ${url} within ${deadlineMs} ms; see ${node.outputFile}`);
}

function probe(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { headers: { 'User-Agent': DRIVER_USER_AGENT }, agent: false, timeout: 2000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}
