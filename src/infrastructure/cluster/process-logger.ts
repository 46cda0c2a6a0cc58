import { PinoLogger } from '../../adapters/system/pino-logger';
import type { PumphouseConfig } from '../config/pumphouse-config';
import { AdjustableLevelLogger } from './adjustable-level-logger';

/**
 * The root logger of a master or worker process: the configured destination, the configured level, adjustable at
 * runtime. `role` and the pid go on every line, so the lines of a cluster sharing one stderr can be told apart.
 */
export function createProcessLogger(
  config: PumphouseConfig,
  role: 'master' | 'worker',
): AdjustableLevelLogger {
  const pino = PinoLogger.create({
    level: config.logLevel === 'silent' ? 'silent' : 'trace',
    destination: config.logfile === null ? { kind: 'stderr' } : { kind: 'file', path: config.logfile },
  });
  return new AdjustableLevelLogger(pino.child({ role }), config.logLevel);
}
