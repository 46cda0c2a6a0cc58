import { ContainerModule } from 'inversify';

import { Clock } from '../../application/ports/clock.port';
import { IdGenerator } from '../../application/ports/id-generator.port';
import { Logger } from '../../application/ports/logger.port';
import { PasswordHasher } from '../../application/ports/password-hasher.port';
import { BcryptPasswordHasher } from '../../adapters/system/bcrypt-password-hasher';
import { CryptoIdGenerator } from '../../adapters/system/crypto-id-generator';
import { PinoLogger } from '../../adapters/system/pino-logger';
import { SystemClock } from '../../adapters/system/system-clock';
import { PumphouseConfig } from '../config/pumphouse-config';

/**
 * Clock, ids, password hashing and logging. `logger` replaces the configured pino logger (tests record entries
 * instead of writing them).
 */
export function systemModule(options: { logger?: Logger } = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<Clock>(Clock).toConstantValue(new SystemClock());
    bind<IdGenerator>(IdGenerator).toConstantValue(new CryptoIdGenerator());
    bind<PasswordHasher>(PasswordHasher).toDynamicValue(
      (context) => new BcryptPasswordHasher(context.get<PumphouseConfig>(PumphouseConfig).bcryptCost),
    );
    bind<Logger>(Logger).toDynamicValue((context) => {
      if (options.logger !== undefined) return options.logger;
      const config = context.get<PumphouseConfig>(PumphouseConfig);
      return PinoLogger.create({
        level: config.logLevel,
        destination: config.logfile === null ? { kind: 'stderr' } : { kind: 'file', path: config.logfile },
      });
    });
  });
}
