import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ClusterStatus } from '../../../src/infrastructure/cluster/cluster-status';
import { sendControlRequest } from '../../../src/infrastructure/control/control-client';
import {
  assertBuilt,
  cleanEnv,
  exitWithin,
  freePort,
  spawnPumphouse,
  waitUntilHealthy,
  type PumphouseProcess,
} from '../pumphouse-process';

/** A real `pumphouse start` (master and workers) on 127.0.0.1 with SQLite in a fresh folder. */
export interface ClusterNode {
  readonly port: number;
  readonly configFile: string;
  readonly process: PumphouseProcess;
  readonly socket: string;
  status(): Promise<ClusterStatus>;
  /** Polls the status until `done` holds; throws at the deadline. */
  waitForStatus(done: (status: ClusterStatus) => boolean, timeoutMs?: number): Promise<ClusterStatus>;
  stop(): Promise<number | string>;
}

/** Starts the node and waits until every worker is ready. */
export async function startClusterNode(settings: Record<string, unknown> = {}): Promise<ClusterNode> {
  assertBuilt();
  const work = mkdtempSync(join(tmpdir(), 'pumphouse-e2e-cluster-'));
  const port = await freePort();
  const configFile = join(work, 'pump.io.json');
  const dataDir = join(work, 'data');
  writeFileSync(
    configFile,
    JSON.stringify({ port, address: '127.0.0.1', dataDir, bcryptCost: 4, workers: 2, ...settings }),
  );
  const running = spawnPumphouse(['start', '-c', configFile], { cwd: work, env: cleanEnv() });
  const socket = join(dataDir, 'pumphouse.sock');
  const status = async (): Promise<ClusterStatus> => {
    const answer = await sendControlRequest(socket, { command: 'status' });
    if (!answer.ok) throw new Error(answer.reason);
    return answer.status as ClusterStatus;
  };
  const waitForStatus = async (done: (s: ClusterStatus) => boolean, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await status().catch(() => undefined);
      if (current !== undefined && done(current)) return current;
      if (Date.now() > deadline) {
        throw new Error(
          `status not reached in ${timeoutMs} ms: ${JSON.stringify(current)}\n${running.stderr()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  try {
    await waitUntilHealthy(port, running);
    await waitForStatus((s) => !s.starting);
  } catch (error) {
    running.child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    configFile,
    process: running,
    socket,
    status,
    waitForStatus,
    async stop() {
      let code: number | string = running.child.exitCode ?? running.child.signalCode ?? -1;
      if (running.child.exitCode === null && running.child.signalCode === null) {
        running.child.kill('SIGTERM');
        code = await exitWithin(running, 40_000);
      }
      rmSync(work, { recursive: true, force: true });
      return code;
    },
  };
}
