import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ClusterStatus } from '../../../../src/infrastructure/cluster/cluster-status';
import { sendControlRequest } from '../../../../src/infrastructure/control/control-client';
import {
  assertBuilt,
  cleanEnv,
  exitWithin,
  spawnPumphouse,
  type PumphouseProcess,
} from '../../pumphouse-process';
import type { Consumer } from '../../support/pump-client';
import { eventually } from './eventually';
import { FederatedUser } from './federated-user';
import { NamedClient } from './named-client';
import { NAMESPACE_HOSTS, NAMESPACE_NETWORK, type NamespaceHost } from './namespace';
import { workFolder } from './inside-namespace';

const BIN = join(__dirname, '..', '..', '..', '..', 'bin', 'pumphouse.js');

/** What `pumphouse ctl ...` printed and its exit code. */
export interface CtlAnswer {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

export interface NodeOptions {
  /** Worker processes under the master; 1 unless a scenario kills workers. */
  readonly workers?: number;
  /** More settings for the config file. */
  readonly settings?: Record<string, unknown>;
  /**
   * PEM files: the node serves HTTPS on port 443 of its name with them (the ActivityPub suite,
   * test/e2e/activitypub), instead of HTTP on port 80.
   */
  readonly tls?: { readonly keyFile: string; readonly certFile: string };
}

/**
 * A real `pumphouse start` (the built dist/, as test/e2e/pumphouse-process.ts runs it) inside the namespace, known
 * by its name on port 80 of its own address, with its data folder under the run's work folder, kept across a stop
 * and a start (a node that is down and comes back is the same node).
 */
export class FederationNode {
  readonly client: NamedClient;
  readonly address: string;
  readonly folder: string;
  readonly configFile: string;
  private running: PumphouseProcess | undefined;
  private consumer: Consumer | undefined;

  private constructor(
    readonly host: NamespaceHost,
    private readonly options: NodeOptions,
  ) {
    this.client = new NamedClient(host, options.tls === undefined ? 'http' : 'https');
    this.address = NAMESPACE_HOSTS[host];
    // A fresh folder per node: each scenario file starts from empty nodes.
    this.folder = mkdtempSync(join(workFolder(), `${host}-`));
    this.configFile = join(this.folder, 'pump.io.json');
  }

  /** Writes the node's config, starts it and waits until every worker serves. */
  static async start(host: NamespaceHost, options: NodeOptions = {}): Promise<FederationNode> {
    assertBuilt();
    const node = new FederationNode(host, options);
    writeFileSync(node.configFile, JSON.stringify(node.config(), null, 2));
    await node.startProcess();
    return node;
  }

  private config(): Record<string, unknown> {
    const off = { points: 0, durationSeconds: 60 };
    const config: Record<string, unknown> = {
      hostname: this.host,
      address: this.address,
      port: 80,
      dataDir: join(this.folder, 'data'),
      logfile: join(this.folder, 'pumphouse.log'),
      logLevel: 'debug',
      bcryptCost: 4,
      workers: this.options.workers ?? 1,
      // Scenarios register and write more than a person would; limits are not what they test.
      rateLimits: { login: off, registration: off, apiWrites: off, clientRegistration: off },
      ...this.options.settings,
    };
    if (this.options.tls !== undefined) {
      Object.assign(config, { port: 443, key: this.options.tls.keyFile, cert: this.options.tls.certFile });
    }
    // The nodes live on loopback addresses, which outbound HTTP refuses unless this lets them.
    config.outboundAllowedNetworks = [NAMESPACE_NETWORK];
    return config;
  }

  /** Starts the process on the node's config and data folder (again, after a stop). */
  async startProcess(): Promise<void> {
    const running = spawnPumphouse(['start', '-c', this.configFile], { cwd: this.folder, env: cleanEnv() });
    this.running = running;
    let ended = false;
    void running.exited.then(() => (ended = true));
    try {
      await eventually(`${this.host} serving on port 80 with every worker ready`, async () => {
        if (ended) throw new Error(`exited early:\n${running.stderr()}\n${this.logTail()}`);
        const health = await this.client.send('/api/health');
        if (health.status !== 200) return undefined;
        const status = await this.status();
        return status.starting || status.workers.some((worker) => worker.state !== 'ready')
          ? undefined
          : true;
      });
    } catch (error) {
      running.child.kill('SIGKILL');
      throw error;
    }
  }

  get process(): PumphouseProcess {
    if (this.running === undefined) throw new Error(`${this.host} was never started`);
    return this.running;
  }

  /** Stops the node with SIGTERM (a graceful stop) and waits for the exit. */
  async stop(): Promise<void> {
    const running = this.running;
    if (running === undefined || running.child.exitCode !== null || running.child.signalCode !== null) return;
    running.child.kill('SIGTERM');
    await exitWithin(running, 40_000);
  }

  /** The master's cluster status, through the control socket. */
  async status(): Promise<ClusterStatus> {
    const answer = await sendControlRequest(join(this.folder, 'data', 'pumphouse.sock'), {
      command: 'status',
    });
    if (!answer.ok) throw new Error(answer.reason);
    return answer.status as ClusterStatus;
  }

  /** `pumphouse ctl <args>` against this node's config. */
  ctl(...args: string[]): Promise<CtlAnswer> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [BIN, 'ctl', ...args, '-c', this.configFile],
        { cwd: this.folder, env: cleanEnv(), encoding: 'utf8', timeout: 30_000 },
        (error, out, err) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
          resolve({ code, out, err });
        },
      );
    });
  }

  /** `ctl deliveries --host <host>`: what waits or failed for that host, as printed. */
  async deliveriesTo(host: string): Promise<string> {
    const answer = await this.ctl('deliveries', '--host', host);
    if (answer.code !== 0) throw new Error(`ctl deliveries --host ${host} failed: ${answer.err}`);
    return answer.out;
  }

  /**
   * Why a delivery from this node to `host` cannot be expected to arrive, or undefined: a dead letter, or a
   * delivery the node does not even try to send. For {@link eventually}'s `hopeless`.
   */
  async deliveryTrouble(host: string): Promise<string | undefined> {
    const listed = await this.deliveriesTo(host).catch((error: Error) => error.message);
    if (/no transport yet|dead letter|failed:/.test(listed)) {
      return `${this.host}'s deliveries to ${host} say:\n${listed.trim()}`;
    }
    return undefined;
  }

  /** A client registered on this node (one per node, made on first use). */
  async clientCredentials(): Promise<Consumer> {
    this.consumer ??= await this.client.registerClient();
    return this.consumer;
  }

  /** Registers a user through the API; answers someone who can act as them. */
  async register(nickname: string): Promise<FederatedUser> {
    const consumer = await this.clientCredentials();
    const token = await this.client.registerUser(consumer, nickname);
    return new FederatedUser(nickname, token, this.client, consumer);
  }

  /** The end of the node's log file, for failure messages. */
  logTail(lines = 40): string {
    const file = join(this.folder, 'pumphouse.log');
    if (!existsSync(file)) return `(no log at ${file})`;
    const text = readFileSync(file, 'utf8').trimEnd().split('\n');
    return `last ${Math.min(lines, text.length)} log lines of ${this.host}:\n${text.slice(-lines).join('\n')}`;
  }
}
