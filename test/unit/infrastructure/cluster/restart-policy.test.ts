import {
  decideRestart,
  planRespawn,
  type RestartFacts,
} from '../../../../src/infrastructure/cluster/restart-policy';

const healthy: RestartFacts = {
  starting: false,
  failure: null,
  inProgress: false,
  workers: 2,
  readyWorkers: 2,
  startedEpoch: 1,
  diskEpoch: 1,
};

describe('decideRestart', () => {
  it('allows a restart of a healthy cluster', () => {
    expect(decideRestart(healthy)).toEqual({ ok: true });
  });

  it.each([
    [{ starting: true }, 'starting'],
    [{ failure: 'boom' }, 'failed-before'],
    [{ inProgress: true }, 'in-progress'],
    [{ workers: 1, readyWorkers: 1 }, 'one-worker'],
    [{ readyWorkers: 1 }, 'too-few-ready'],
    [{ diskEpoch: 2 }, 'epoch-changed'],
    [{ diskEpoch: 0 }, 'epoch-changed'],
    [{ diskEpoch: new Error('ENOENT') }, 'epoch-changed'],
  ])('refuses %p with %s', (change, code) => {
    const decision = decideRestart({ ...healthy, ...change });
    expect(decision).toMatchObject({ ok: false, code });
    expect(decision.ok || decision.reason.length > 10).toBe(true);
  });

  it('names an earlier failure before anything else', () => {
    expect(decideRestart({ ...healthy, failure: 'x', inProgress: true, diskEpoch: 5 })).toMatchObject({
      code: 'failed-before',
    });
  });
});

describe('planRespawn', () => {
  const limits = { windowMs: 60_000, maxCrashes: 4, baseDelayMs: 100, maxDelayMs: 300 };
  it('replaces the first crash at once, backs off on the next ones, and gives up past the cap', () => {
    expect(planRespawn([0], 0, limits)).toEqual({ action: 'fork', delayMs: 0 });
    expect(planRespawn([0, 1], 1, limits)).toEqual({ action: 'fork', delayMs: 100 });
    expect(planRespawn([0, 1, 2], 2, limits)).toEqual({ action: 'fork', delayMs: 200 });
    expect(planRespawn([0, 1, 2, 3], 3, limits)).toEqual({ action: 'fork', delayMs: 300 });
    expect(planRespawn([0, 1, 2, 3, 4], 4, limits)).toEqual({ action: 'give-up' });
  });
  it('forgets crashes older than the window', () => {
    expect(planRespawn([0, 1, 2, 3, 70_000], 70_000, limits)).toEqual({ action: 'fork', delayMs: 0 });
  });
});
