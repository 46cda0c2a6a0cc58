import type { OrchestratorOptions } from '../../../../src/infrastructure/cluster/orchestrator-options';
import { RestartOrchestrator } from '../../../../src/infrastructure/cluster/restart-orchestrator';
import { FakeClock, FakeCluster, ListLogger } from './cluster-fakes';

const TIMEOUT = 30_000;

function setup(options: Partial<OrchestratorOptions> = {}) {
  const cluster = new FakeCluster();
  const clock = new FakeClock();
  const logger = new ListLogger();
  const events = { startupFailures: [] as string[], empty: 0 };
  let diskEpoch: number | Error = 1;
  const orchestrator = new RestartOrchestrator(
    cluster,
    clock,
    logger,
    {
      startupFailed: (reason) => events.startupFailures.push(reason),
      noWorkersLeft: () => (events.empty += 1),
    },
    {
      workers: 2,
      stopTimeoutMs: TIMEOUT,
      startedEpoch: 1,
      readEpoch: () => {
        if (diskEpoch instanceof Error) throw diskEpoch;
        return diskEpoch;
      },
      masterPid: 1,
      ...options,
    },
  );
  orchestrator.start();
  return {
    cluster,
    clock,
    logger,
    events,
    orchestrator,
    setDiskEpoch: (epoch: number | Error) => (diskEpoch = epoch),
    /** Every first worker says it is ready. */
    allReady: () => cluster.ids().forEach((id) => cluster.ready(id)),
  };
}

describe('RestartOrchestrator start-up and crashes', () => {
  it('forks the configured workers and leaves start-up once all are ready', () => {
    const { cluster, orchestrator, allReady } = setup({ workers: 3 });
    expect(cluster.ids()).toEqual([1, 2, 3]);
    expect(orchestrator.status().starting).toBe(true);
    allReady();
    expect(orchestrator.status().starting).toBe(false);
    expect(orchestrator.status().workers.map((w) => w.state)).toEqual(['ready', 'ready', 'ready']);
  });

  it('ignores a restart request during start-up', () => {
    const { cluster, orchestrator } = setup();
    expect(orchestrator.requestRestart('SIGUSR2')).toMatchObject({ ok: false, code: 'starting' });
    expect(cluster.askedToStop()).toEqual([]);
  });

  it('fails the start when a first worker cannot bind or dies before it is ready', () => {
    const { cluster, events } = setup();
    cluster.say(1, { pumphouse: 'bind-failed', reason: 'EADDRINUSE' });
    expect(events.startupFailures).toEqual(['EADDRINUSE']);
    cluster.exit(2, 1);
    expect(events.startupFailures[1]).toContain('exited with code 1');
  });

  it('replaces a crashed worker at once, then with a growing delay, and gives up past the cap', () => {
    const { cluster, clock, orchestrator, allReady, events } = setup({
      respawnLimits: { windowMs: 60_000, maxCrashes: 3, baseDelayMs: 100, maxDelayMs: 1000 },
    });
    allReady();
    cluster.exit(1, 1);
    clock.advance(0);
    const first = cluster.last();
    expect(first).toBe(3);
    cluster.ready(first);
    cluster.exit(first, 1);
    clock.advance(99);
    expect(cluster.last()).toBe(first);
    clock.advance(1);
    const second = cluster.last();
    expect(second).toBe(4);
    cluster.exit(second, 1);
    clock.advance(199);
    expect(cluster.last()).toBe(second);
    clock.advance(1);
    cluster.exit(cluster.last(), 1);
    clock.advance(10_000);
    expect(cluster.ids()).toEqual([2]);
    expect(orchestrator.status().respawnGivenUp).toBe(true);
    cluster.exit(2, 1);
    expect(events.empty).toBe(1);
  });

  it('never throws on an unexpected message, and logs it', () => {
    const { cluster, orchestrator, allReady, logger } = setup();
    allReady();
    for (const junk of [null, 'listening', { msg: 'listening' }, { pumphouse: 'explode' }, [1, 2]]) {
      expect(() => cluster.say(1, junk)).not.toThrow();
    }
    expect(() => cluster.say(99, { pumphouse: 'ready' })).not.toThrow();
    expect(logger.messages('warn').filter((m) => m.includes('unexpected message'))).toHaveLength(6);
    expect(orchestrator.status().workers).toHaveLength(2);
  });
});

describe('RestartOrchestrator zero-downtime restart', () => {
  it('rolls one worker at a time: stop, replace, wait until ready, then the next', () => {
    const { cluster, clock, orchestrator, allReady } = setup({ workers: 3 });
    allReady();
    expect(orchestrator.requestRestart('ctl')).toEqual({ ok: true, started: true });
    expect(cluster.askedToStop()).toEqual([1]);
    clock.advance(200);
    cluster.exit(1);
    expect(cluster.last()).toBe(4);
    // The next worker is untouched until the replacement is ready.
    clock.advance(5_000);
    expect(cluster.askedToStop()).toEqual([]);
    cluster.ready(4);
    expect(cluster.askedToStop()).toEqual([2]);
    cluster.exit(2);
    cluster.ready(5);
    expect(cluster.askedToStop()).toEqual([3]);
    cluster.exit(3);
    cluster.ready(6);
    const status = orchestrator.status();
    expect(status.restart.inProgress).toBe(false);
    expect(status.workers.map((w) => w.id)).toEqual([4, 5, 6]);
    expect(status.lastRestart?.stepsMs).toEqual([5_200, 0, 0]);
    expect(status.failure).toBeNull();
  });

  it('refuses a second restart while one is in progress, and allows one after it completed', () => {
    const { cluster, orchestrator, allReady } = setup();
    allReady();
    orchestrator.requestRestart('ctl');
    expect(orchestrator.requestRestart('SIGUSR2')).toMatchObject({ ok: false, code: 'in-progress' });
    cluster.exit(1);
    cluster.ready(3);
    cluster.exit(2);
    cluster.ready(4);
    expect(orchestrator.requestRestart('ctl')).toEqual({ ok: true, started: true });
  });

  it('refuses with only one worker', () => {
    const { orchestrator, allReady, logger } = setup({ workers: 1 });
    allReady();
    const answer = orchestrator.requestRestart('ctl');
    expect(answer).toMatchObject({ ok: false, code: 'one-worker' });
    expect(logger.messages('warn').join()).toContain('only one worker');
  });

  it('refuses while a crashed worker has not been replaced yet', () => {
    const { cluster, orchestrator, allReady } = setup();
    allReady();
    cluster.exit(1, 1);
    expect(orchestrator.requestRestart('ctl')).toMatchObject({ ok: false, code: 'too-few-ready' });
  });

  it('refuses when the epoch on disk differs or cannot be read', () => {
    const { cluster, orchestrator, allReady, setDiskEpoch } = setup();
    allReady();
    setDiskEpoch(2);
    expect(orchestrator.requestRestart('ctl')).toMatchObject({ ok: false, code: 'epoch-changed' });
    setDiskEpoch(new Error('ENOENT'));
    expect(orchestrator.requestRestart('ctl')).toMatchObject({ ok: false, code: 'epoch-changed' });
    expect(cluster.askedToStop()).toEqual([]);
    // A refusal leaves no state behind: the next request with the right epoch starts.
    setDiskEpoch(1);
    expect(orchestrator.requestRestart('ctl')).toEqual({ ok: true, started: true });
  });

  it('kills a worker that does not exit within the timeout, then goes on', () => {
    const { cluster, clock, orchestrator, allReady, logger } = setup();
    allReady();
    orchestrator.requestRestart('ctl');
    clock.advance(TIMEOUT - 1);
    expect(cluster.killed).toEqual([]);
    clock.advance(1);
    expect(cluster.killed).toEqual([1]);
    expect(logger.messages('warn').join()).toContain('did not stop within 30000 ms');
    cluster.exit(1, null, 'SIGKILL');
    cluster.ready(3);
    expect(cluster.askedToStop()).toEqual([2]);
  });

  it('fails when the new worker dies right after it starts; then locks restarts and respawns', () => {
    const { cluster, clock, orchestrator, allReady } = setup();
    allReady();
    orchestrator.requestRestart('ctl');
    cluster.exit(1);
    cluster.exit(3, 1);
    const status = orchestrator.status();
    expect(status.failure?.reason).toContain('exited');
    expect(status.restart.inProgress).toBe(false);
    expect(cluster.askedToStop()).toEqual([]);
    const refusal = orchestrator.requestRestart('ctl');
    expect(refusal).toMatchObject({ ok: false, code: 'failed-before' });
    // The old worker still serving is not replaced when it dies.
    cluster.exit(2, 1);
    clock.advance(60_000);
    expect(cluster.ids()).toEqual([]);
  });

  it('fails when the new worker reports it cannot bind', () => {
    const { cluster, orchestrator, allReady } = setup();
    allReady();
    orchestrator.requestRestart('ctl');
    cluster.exit(1);
    cluster.say(3, { pumphouse: 'bind-failed', reason: 'EADDRINUSE 127.0.0.1:80' });
    expect(orchestrator.status().failure?.reason).toContain('cannot bind: EADDRINUSE');
    cluster.exit(3, 1);
    expect(cluster.ids()).toEqual([2]);
    expect(orchestrator.requestRestart('SIGUSR2')).toMatchObject({ ok: false, code: 'failed-before' });
  });

  it('fails and kills a new worker that never becomes ready', () => {
    const { cluster, clock, orchestrator, allReady } = setup();
    allReady();
    orchestrator.requestRestart('ctl');
    cluster.exit(1);
    clock.advance(TIMEOUT);
    expect(cluster.killed).toEqual([3]);
    expect(orchestrator.status().failure?.reason).toContain('did not become ready');
  });

  it('does not mistake a crash respawn during a restart for the replacement', () => {
    const { cluster, clock, orchestrator, allReady } = setup({ workers: 3 });
    allReady();
    orchestrator.requestRestart('ctl');
    cluster.exit(3, 1); // an unrelated crash
    clock.advance(0);
    const respawned = cluster.last();
    cluster.ready(respawned);
    expect(cluster.askedToStop()).toEqual([1]);
    cluster.exit(1);
    const replacement = cluster.last();
    expect(replacement).not.toBe(respawned);
    cluster.ready(replacement);
    expect(cluster.askedToStop()).toEqual([2]);
  });

  it('sends a runtime log level to every worker, including those forked later', () => {
    const { cluster, orchestrator, allReady } = setup();
    allReady();
    orchestrator.setLogLevel('debug');
    expect(cluster.alive.get(1)?.inbox).toEqual([{ pumphouse: 'log-level', level: 'debug' }]);
    orchestrator.requestRestart('ctl');
    cluster.exit(1);
    cluster.ready(3);
    expect(cluster.alive.get(3)?.inbox).toEqual([{ pumphouse: 'log-level', level: 'debug' }]);
  });

  it('kills a ready worker that stops answering pings, and replaces it as after a crash', () => {
    const { cluster, clock, orchestrator, allReady, logger } = setup({ heartbeatTimeoutMs: 1_000 });
    allReady();
    cluster.frozen.add(1);
    clock.advance(999);
    expect(cluster.killed).toEqual([]);
    expect(cluster.alive.get(1)?.inbox.some((m) => m.pumphouse === 'ping')).toBe(true);
    clock.advance(300);
    // Worker 2 answers every ping: it stays, whatever the time.
    expect(cluster.killed).toEqual([1]);
    expect(logger.messages('error')).toContain('worker stopped answering the master');
    cluster.exit(1, null, 'SIGKILL');
    clock.advance(0);
    expect(cluster.ids()).toEqual([2, 3]);
    cluster.ready(3);
    clock.advance(60_000);
    expect(cluster.killed).toEqual([1]);
    expect(orchestrator.status().workers.map((w) => w.state)).toEqual(['ready', 'ready']);
  });

  it('leaves a worker that is asked to leave the pool to its stop deadline, not to the heartbeat', () => {
    const { cluster, clock, orchestrator, allReady } = setup({ heartbeatTimeoutMs: 1_000 });
    allReady();
    orchestrator.requestRestart('ctl');
    cluster.frozen.add(1);
    clock.advance(TIMEOUT - 1);
    expect(cluster.killed).toEqual([]);
    clock.advance(1);
    expect(cluster.killed).toEqual([1]);
  });

  it('stops every worker and resolves when all have exited', async () => {
    const { cluster, orchestrator, allReady } = setup();
    allReady();
    const stopped = orchestrator.stop();
    expect(cluster.askedToStop()).toEqual([1, 2]);
    cluster.exit(1);
    cluster.exit(2);
    await stopped;
    expect(cluster.forked).toEqual([1, 2]);
  });
});
