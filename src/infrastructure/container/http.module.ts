import type { Express } from 'express';
import { ContainerModule } from 'inversify';

import { Logger } from '../../application/ports/logger.port';
import { UserRepository } from '../../application/ports/storage/user-repository.port';
import { createHttpApp } from '../../adapters/http/http-app.factory';
import { PumphouseConfig } from '../config/pumphouse-config';
import { HttpApp } from './tokens';

/** The HTTP application, built from the public base URL, the logger and the store. */
export function httpModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<Express>(HttpApp).toDynamicValue((context) =>
      createHttpApp({
        publicBaseUrl: context.get<PumphouseConfig>(PumphouseConfig).publicBaseUrl,
        logger: context.get<Logger>(Logger).child({ component: 'web' }),
        users: context.get<UserRepository>(UserRepository),
      }),
    );
  });
}
