import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  assertBuilt,
  cleanEnv,
  exitWithin,
  freePort,
  spawnPumphouse,
  waitUntilHealthy,
  type PumphouseProcess,
} from '../pumphouse-process';
import {
  type AccessToken,
  type Answer,
  type Consumer,
  expectStatus,
  PumpClient,
  type RequestOptions,
} from './pump-client';

/** AS1 JSON as the tests read it: loosely typed on purpose, since the assertions check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** A real `pumphouse start` on 127.0.0.1 with its own data folder, and a client for it. */
export interface ApiNode {
  readonly client: PumpClient;
  readonly consumer: Consumer;
  readonly process: PumphouseProcess;
  /** Registers a user through the API and answers someone who can act as them. */
  register(nickname: string): Promise<Person>;
  stop(): Promise<void>;
}

/** A registered user acting through one client with their access token. */
export class Person {
  readonly id: string;

  constructor(
    readonly nickname: string,
    readonly token: AccessToken,
    private readonly node: { client: PumpClient; consumer: Consumer },
  ) {
    // On a port other than 80/443, pump.io forms person ids from the profile URL (docs/protocol.md §1.3).
    this.id = `${node.client.base}/api/user/${nickname}/profile`;
  }

  /** Any signed request as this user. */
  send(path: string, options: RequestOptions = {}): Promise<Answer> {
    return this.node.client.send(path, { consumer: this.node.consumer, token: this.token, ...options });
  }

  /** A signed GET that must answer 200; answers the JSON. */
  async read<T = Record<string, unknown>>(path: string): Promise<T> {
    const answer = await this.send(path);
    expectStatus(answer, 200);
    return answer.json as T;
  }

  /** Posts an activity to the user's feed; it must answer 200; answers the activity. */
  async act(activity: Record<string, unknown>): Promise<Json> {
    const answer = await this.send(`/api/user/${this.nickname}/feed`, { json: activity });
    expectStatus(answer, 200);
    return answer.json as Json;
  }

  /** Posts a note with the given addresses; answers the activity. */
  note(content: string, audience: Record<string, unknown> = {}): Promise<Json> {
    return this.act({ verb: 'post', object: { objectType: 'note', content }, ...audience });
  }

  /** The activity ids of a stream page, newest first. */
  async ids(path: string): Promise<string[]> {
    const page = await this.read<{ items: { id: string }[] }>(path);
    return page.items.map((item) => item.id);
  }

  /** This user as an address. */
  get ref(): { id: string; objectType: string } {
    return { id: this.id, objectType: 'person' };
  }

  get followersRef(): { id: string; objectType: string } {
    return { id: `${this.node.client.base}/api/user/${this.nickname}/followers`, objectType: 'collection' };
  }
}

export const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };

/** Starts a node with SQLite in a fresh folder (cheap bcrypt for speed) and registers a client. */
export async function startApiNode(settings: Record<string, unknown> = {}): Promise<ApiNode> {
  assertBuilt();
  const work = mkdtempSync(join(tmpdir(), 'pumphouse-e2e-api-'));
  const port = await freePort();
  const config = join(work, 'pump.io.json');
  writeFileSync(
    config,
    JSON.stringify({ port, address: '127.0.0.1', dataDir: join(work, 'data'), bcryptCost: 4, ...settings }),
  );
  const running = spawnPumphouse(['start', '-c', config], { cwd: work, env: cleanEnv() });
  try {
    await waitUntilHealthy(port, running);
  } catch (error) {
    running.child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  const client = new PumpClient(port);
  const consumer = await client.registerClient();
  return {
    client,
    consumer,
    process: running,
    async register(nickname) {
      const token = await client.registerUser(consumer, nickname, `${nickname}-password-1`);
      return new Person(nickname, token, { client, consumer });
    },
    async stop() {
      if (running.child.exitCode === null && running.child.signalCode === null) {
        running.child.kill('SIGTERM');
        await exitWithin(running, 15_000);
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}
