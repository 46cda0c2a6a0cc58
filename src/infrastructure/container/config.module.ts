import { ContainerModule } from 'inversify';

import { PumphouseConfig } from '../config/pumphouse-config';

/** Binds the loaded configuration; everything else reads it from here. */
export function configModule(config: PumphouseConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<PumphouseConfig>(PumphouseConfig).toConstantValue(config);
  });
}
