import { Container } from 'inversify';

import type { Logger } from '../../application/ports/logger.port';
import type { PumphouseConfig } from '../config/pumphouse-config';
import { appModule } from './app.module';
import { configModule } from './config.module';
import { federationModule, type FederationOverrides } from './federation.module';
import { type FeatureArrangement, httpModule } from './http.module';
import { storageModule } from './storage.module';
import { systemModule } from './system.module';

/** Replacements for tests; production passes none. */
export interface ContainerOverrides extends FederationOverrides {
  readonly logger?: Logger;
  /** Lists the HTTP features in another order (tests that prove the order means nothing). */
  readonly arrangeFeatures?: FeatureArrangement;
}

/**
 * The composition root: one container per process, one module per area (config, system, storage, the application,
 * federation and http). Every binding is a singleton, so the Storage is opened once and every repository token shares it,
 * and each use case, adapter and feature is built once (docs/architecture.md §4b). Nothing is resolved here; the
 * caller resolves Storage first so a store that cannot open fails before anything listens.
 */
export function createContainer(config: PumphouseConfig, overrides: ContainerOverrides = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.loadSync(
    configModule(config),
    systemModule({ logger: overrides.logger }),
    storageModule(),
    federationModule(overrides),
    appModule(),
    httpModule({ arrangeFeatures: overrides.arrangeFeatures }),
  );
  return container;
}
