import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openSqliteStorage } from '../../../src/adapters/storage/sqlite/sqlite-storage';
import { DELIVER_QUEUE, deliveryJob } from '../../../src/application/delivery/delivery-jobs';
import { planDeliveries } from '../../../src/domain/delivery/delivery-planner';
import { SystemClock } from '../../../src/adapters/system/system-clock';
import type { ClusterLifecycle } from '../../../src/infrastructure/process/process-lifecycle';
import { main } from '../../../src/infrastructure/cli/main';

let folder: string;
let configFile: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'pumphouse-ctl-deliveries-'));
  configFile = join(folder, 'pumphouse.json');
  writeFileSync(configFile, JSON.stringify({ dataDir: join(folder, 'data'), secret: 'a test secret' }));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Runs `pumphouse <args> -c <config>` in-process; answers its exit code and what it wrote. */
async function pumphouse(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = -1;
  const lifecycle = { exit: (value: number) => void (code = value) } as unknown as ClusterLifecycle;
  await main([...args, '-c', configFile], {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: {},
    cwd: folder,
    lifecycle,
  });
  return { code: code === -1 ? 0 : code, out, err };
}

/** A store as a server left it: a dead letter to gone.example, a retry and a queued delivery to busy.example. */
async function storeWithDeliveries(): Promise<{ dead: string; retrying: string; queued: string }> {
  mkdirSync(join(folder, 'data'), { recursive: true });
  const clock = new SystemClock();
  const storage = openSqliteStorage({ file: join(folder, 'data', 'pumphouse.sqlite'), clock });
  const queue = async (host: string, name: string) => {
    const recipient = { id: `https://${host}/${name}`, address: { inbox: `https://${host}/${name}/inbox` } };
    const [delivery] = planDeliveries(`https://home.example/a/${name}`, [recipient]).deliveries;
    return storage.jobs.enqueue({ ...deliveryJob(delivery), runAt: new Date(Date.now() - 60_000) });
  };
  const dead = await queue('gone.example', 'a');
  const retrying = await queue('busy.example', 'b');
  const queued = await queue('busy.example', 'c');
  await storage.jobs.fail(
    (await storage.jobs.lease(DELIVER_QUEUE, 'w', 60_000))!,
    'HTTP 410: permanent, not retried',
  );
  await storage.jobs.retry(
    (await storage.jobs.lease(DELIVER_QUEUE, 'w', 60_000))!,
    new Date(Date.now() + 3_600_000),
    'HTTP 503',
  );
  await storage.close();
  return { dead, retrying, queued };
}

describe('pumphouse ctl deliveries', () => {
  it('lists queued, retrying and dead deliveries with their last error, filtered by --failed and --host', async () => {
    const { dead, retrying, queued } = await storeWithDeliveries();
    const all = await pumphouse('ctl', 'deliveries');
    expect(all.code).toBe(0);
    expect(all.out).toContain(
      `${dead}  dead  gone.example  attempts 1  dead letter  https://gone.example/a/inbox`,
    );
    expect(all.out).toContain('    last error: HTTP 410: permanent, not retried');
    expect(all.out).toContain(`${retrying}  retrying  busy.example  attempts 1  next `);
    expect(all.out).toContain('    last error: HTTP 503');
    expect(all.out).toContain(`${queued}  queued  busy.example  attempts 0`);

    const failed = await pumphouse('ctl', 'deliveries', '--failed');
    expect(failed.out).toContain(dead);
    expect(failed.out).not.toContain(retrying);
    const busy = await pumphouse('ctl', 'deliveries', '--host', 'busy.example');
    expect(busy.out).not.toContain(dead);
    expect(busy.out).toContain(retrying);
  });

  it('requeues one delivery by id, and every delivery to a host', async () => {
    const { dead } = await storeWithDeliveries();
    expect(await pumphouse('ctl', 'deliveries', 'retry', dead)).toMatchObject({
      code: 0,
      out: '1 delivery requeued\n',
    });
    expect((await pumphouse('ctl', 'deliveries', '--failed')).out).toBe('no deliveries waiting or failed\n');
    expect(await pumphouse('ctl', 'deliveries', 'retry', '--host', 'busy.example')).toMatchObject({
      code: 0,
      out: '2 deliveries requeued\n',
    });
    expect((await pumphouse('ctl', 'deliveries', 'retry', 'no-such-id')).code).toBe(1);
  });

  it('says plainly when there is no store yet, and refuses bad usage', async () => {
    const missing = await pumphouse('ctl', 'deliveries');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no database at .*pumphouse\.sqlite/);
    expect((await pumphouse('ctl', 'deliveries', 'retry')).code).toBe(1);
    expect((await pumphouse('ctl', 'deliveries', '--bogus')).code).toBe(1);
    expect((await pumphouse('start', '--failed')).code).toBe(1);
  });
});
