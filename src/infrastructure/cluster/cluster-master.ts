import { ensureDataFolder } from '../config/data-folder';
import type { PumphouseConfig } from '../config/pumphouse-config';
import type { ControlRequest, ControlResponse } from '../control/control-protocol';
import { type RunningControlServer, startControlServer } from '../control/control-server';
import type { ClusterLifecycle } from '../process/process-lifecycle';
import { readEpochOnDisk, STARTED_EPOCH } from './epoch-reader';
import { NodeClusterProcess, SystemClusterClock } from './node-cluster-process';
import { createProcessLogger } from './process-logger';
import { RestartOrchestrator } from './restart-orchestrator';

/** What the master runs with. */
export interface MasterOptions {
  readonly config: PumphouseConfig;
  /** The script workers run (bin/pumphouse.js) and the arguments they need to find the same config. */
  readonly script: string;
  readonly workerArgs: readonly string[];
  readonly lifecycle: ClusterLifecycle;
  readonly stderr: { write(text: string): unknown };
}

/**
 * `pumphouse start`: the master. It serves no HTTP and opens no storage: it listens on the control socket, forks
 * the workers, restarts them on SIGUSR2 or `ctl restart`, and on SIGTERM/SIGINT asks every worker to stop and
 * exits 0 once they have. It exits 1 when a first worker cannot start (its reason is on stderr) or when no worker
 * is left and none will be replaced, so a supervisor (systemd `Restart=on-failure`) can step in.
 */
export async function runMaster(options: MasterOptions): Promise<void> {
  const { config, lifecycle } = options;
  // Before the logger: a log file inside the data folder must not be what creates the folder.
  try {
    ensureDataFolder(config.dataDir);
  } catch (error) {
    options.stderr.write(
      `pumphouse: cannot create the data folder ${config.dataDir}: ${(error as Error).message}\n`,
    );
    lifecycle.exit(1);
    return;
  }
  const logger = createProcessLogger(config, 'master');
  // Filled once the control socket listens; until then SIGUSR2 finds it empty.
  const running: { orchestrator?: RestartOrchestrator } = {};
  // Installed first: a SIGUSR2 during start-up is logged and ignored, rather than ending the master.
  lifecycle.onRestartSignal(() => {
    if (running.orchestrator === undefined) logger.warn({}, 'SIGUSR2 ignored: the master is still starting');
    else running.orchestrator.requestRestart('SIGUSR2');
  });

  let control: RunningControlServer | undefined;
  let ending = false;
  const end = (code: number, message?: string): void => {
    if (ending) return;
    ending = true;
    if (message !== undefined) options.stderr.write(`pumphouse: ${message}\n`);
    void (async () => {
      await running.orchestrator?.stop();
      await control?.close();
      logger.info({ code }, 'master stopped');
      lifecycle.exit(code);
    })();
  };

  const handle = (request: ControlRequest): ControlResponse => {
    const orchestrator = running.orchestrator as RestartOrchestrator;
    if (request.command === 'status') return { ok: true, status: orchestrator.status() };
    if (request.command === 'loglevel') {
      logger.setLevel(request.level);
      orchestrator.setLogLevel(request.level);
      return { ok: true, level: request.level };
    }
    return orchestrator.requestRestart('control socket');
  };
  try {
    control = await startControlServer(config.controlSocket, handle, logger);
  } catch (error) {
    options.stderr.write(`pumphouse: ${(error as Error).message}\n`);
    lifecycle.exit(1);
    return;
  }

  const orchestrator = new RestartOrchestrator(
    new NodeClusterProcess(options.script, options.workerArgs),
    new SystemClusterClock(),
    logger,
    {
      startupFailed: (reason) => end(1, `a worker could not start: ${reason}`),
      noWorkersLeft: () => {
        logger.error({}, 'no worker is left and none will be replaced; the master exits');
        end(1, 'no worker is left; see the log');
      },
    },
    {
      workers: config.workers,
      stopTimeoutMs: config.restartTimeout,
      heartbeatTimeoutMs: config.heartbeatTimeout,
      startedEpoch: STARTED_EPOCH,
      readEpoch: readEpochOnDisk,
      masterPid: lifecycle.pid,
    },
  );
  running.orchestrator = orchestrator;
  lifecycle.onShutdownSignal((signal) => {
    logger.info({ signal }, 'stopping every worker');
    end(0);
  });
  logger.info(
    { workers: config.workers, controlSocket: config.controlSocket, epoch: STARTED_EPOCH },
    `master started; forking ${config.workers} worker(s)`,
  );
  orchestrator.start();
}
