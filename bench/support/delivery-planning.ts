import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openSqliteStorage } from '../../src/adapters/storage/sqlite/sqlite-storage';
import { SystemClock } from '../../src/adapters/system/system-clock';
import { DELIVER_QUEUE } from '../../src/application/delivery/delivery-jobs';
import { DistributeActivity } from '../../src/application/distribution/distribute-activity.use-case';
import type { Logger } from '../../src/application/ports/logger.port';
import type { Activity } from '../../src/domain/activity-streams/activity';
import { SiteUrls } from '../../src/domain/site/site-urls';

/** What planning the deliveries of one post took, over several runs (each on a fresh store). */
export interface DeliveryPlanningFigures {
  readonly followers: number;
  readonly hosts: number;
  /** The median wall time of the runs. */
  readonly ms: number;
  /** Every run's wall time, in the order run: the first is cold (its code not yet optimised by V8). */
  readonly runsMs: readonly number[];
  /** The median CPU time of this process during a run: less sensitive than wall time to a busy machine. */
  readonly cpuMs: number;
  /** The deliver jobs one run queued (the same for every run). */
  readonly jobs: number;
}

/** What one run on a fresh store took. */
interface RunFigures {
  readonly ms: number;
  readonly cpuMs: number;
  readonly jobs: number;
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * The time DistributeActivity takes for a post whose followers are all remote: `followers` people spread over
 * `hosts` servers that have shared inboxes, in a SQLite store on disk. It covers reading the followers and their
 * stored objects, planning, and queueing the jobs in one unit of work: the goal is one job per host, in < 100 ms.
 * One run is one figure on a machine shared with other work, so it is run `runs` times, each on a fresh store,
 * and the median reported with every run's time.
 */
export async function benchDeliveryPlanning(
  followers = 10_000,
  hosts = 500,
  runs = 5,
): Promise<DeliveryPlanningFigures> {
  const figures: RunFigures[] = [];
  for (let run = 0; run < runs; run += 1) figures.push(await planOnce(followers, hosts));
  const jobs = new Set(figures.map((figure) => figure.jobs));
  if (jobs.size !== 1) throw new Error(`runs queued different numbers of jobs: ${[...jobs].join(', ')}`);
  return {
    followers,
    hosts,
    ms: median(figures.map((figure) => figure.ms)),
    runsMs: figures.map((figure) => figure.ms),
    cpuMs: median(figures.map((figure) => figure.cpuMs)),
    jobs: figures[0].jobs,
  };
}

async function planOnce(followers: number, hosts: number): Promise<RunFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'pumphouse-bench-delivery-'));
  const storage = openSqliteStorage({ file: join(folder, 'bench.sqlite'), clock: new SystemClock() });
  try {
    const site = SiteUrls.fromBaseUrl('https://home.example');
    const star = site.personId('star');
    await storage.run(async (tx) => {
      for (let n = 0; n < followers; n += 1) {
        const host = `host${n % hosts}.example`;
        const id = `https://${host}/users/u${n}`;
        await tx.objects.save({
          id,
          objectType: 'person',
          links: { 'activity-inbox': { href: `${id}/inbox` } },
          endpoints: { sharedInbox: `https://${host}/inbox` },
        });
        await tx.follows.follow(id, star);
      }
    });
    const activity = {
      id: 'https://home.example/api/activity/bench',
      verb: 'post',
      actor: { id: star, objectType: 'person' },
      object: { id: 'https://home.example/api/note/bench', objectType: 'note', content: 'to everyone' },
      to: [{ id: site.followersCollectionId('star'), objectType: 'collection' }],
      published: new Date().toISOString(),
    } as unknown as Activity;
    await storage.activities.save(activity);
    const distribute = new DistributeActivity(storage, site, new SystemClock(), silent);
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    await distribute.execute({ activityId: activity.id });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const cpu = process.cpuUsage(cpuBefore);
    const jobs = (await storage.jobs.counts(DELIVER_QUEUE)).pending;
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, jobs };
  } finally {
    await storage.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
