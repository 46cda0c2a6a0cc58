import { DeliveryNudge, NudgingDistribution } from '../../../../src/application/delivery/delivery-nudge';
import type { DistributionResult } from '../../../../src/application/distribution/distribute-activity.use-case';

describe('NudgingDistribution', () => {
  const distributing = (result: DistributionResult) => ({ execute: async () => result });

  test('nudges the delivery runner only when the distribution queued remote deliveries', async () => {
    const nudge = new DeliveryNudge();
    let nudges = 0;
    const stop = nudge.subscribe(() => (nudges += 1));
    const run = (result: DistributionResult) =>
      new NudgingDistribution(distributing(result), nudge).execute({ activityId: 'a' });

    await run({ outcome: 'distributed', newStreamEntries: 3, remoteDeliveries: 0 });
    await run({ outcome: 'already-distributed' });
    expect(nudges).toBe(0);
    expect(await run({ outcome: 'distributed', newStreamEntries: 1, remoteDeliveries: 2 })).toMatchObject({
      remoteDeliveries: 2,
    });
    expect(nudges).toBe(1);
    stop();
    await run({ outcome: 'distributed', newStreamEntries: 1, remoteDeliveries: 2 });
    expect(nudges).toBe(1);
  });
});
