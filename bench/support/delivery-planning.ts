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

/** What planning the deliveries of one post took. */
export interface DeliveryPlanningFigures {
  readonly followers: number;
  readonly hosts: number;
  readonly ms: number;
  readonly jobs: number;
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

/**
 * The time DistributeActivity takes for a post whose followers are all remote: `followers` people spread over
 * `hosts` servers that have shared inboxes, in a SQLite store on disk. It covers reading the followers and their
 * stored objects, planning, and queueing the jobs in one unit of work: the goal is one job per host, in < 100 ms.
 */
export async function benchDeliveryPlanning(
  followers = 10_000,
  hosts = 500,
): Promise<DeliveryPlanningFigures> {
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
    const started = process.hrtime.bigint();
    await distribute.execute({ activityId: activity.id });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const jobs = (await storage.jobs.counts(DELIVER_QUEUE)).pending;
    return { followers, hosts, ms, jobs };
  } finally {
    await storage.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
