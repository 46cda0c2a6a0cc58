import { ContainerModule } from 'inversify';

import type { Feature } from '../../adapters/http/feature-routes';
import type { WebSecurity } from '../../adapters/http/security/web-security.factory';
import type { SeedAccounts } from '../../application/seeding/seed-accounts.use-case';
import type { BackgroundTask } from '../background/background-tasks';
import { buildFeatures } from './features';
import { buildLiveUpdates } from './live-updates';
import type { LiveUpdates } from '../../adapters/http/web/live/web-live.controller';
import { buildPeriodicTasks } from './periodic-tasks';
import { type Ports, PortsToken, resolvePorts } from './ports';
import { AccountSeeder, Features, LiveUpdatesToken, PeriodicTasks, Security } from './tokens';
import { buildUseCases, type UseCases, UseCasesToken } from './use-cases';

/**
 * The application: the ports bundle (resolved once), every use case (built once), the HTTP features that are
 * handed them, the periodic tasks and the account seeder. Each binding takes whole bundles, so the container is
 * asked for things here and nowhere else.
 */
export function appModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<Ports>(PortsToken).toDynamicValue(resolvePorts);
    bind<UseCases>(UseCasesToken).toDynamicValue((context) => buildUseCases(context.get<Ports>(PortsToken)));
    bind<LiveUpdates | null>(LiveUpdatesToken).toDynamicValue((context) =>
      buildLiveUpdates(context.get<Ports>(PortsToken)),
    );
    bind<Feature[]>(Features).toDynamicValue((context) =>
      buildFeatures(
        context.get<Ports>(PortsToken),
        context.get<UseCases>(UseCasesToken),
        context.get<WebSecurity>(Security),
        context.get<LiveUpdates | null>(LiveUpdatesToken),
      ),
    );
    bind<BackgroundTask[]>(PeriodicTasks).toDynamicValue((context) =>
      buildPeriodicTasks(
        context.get<Ports>(PortsToken),
        context.get<UseCases>(UseCasesToken),
        context.get<WebSecurity>(Security),
      ),
    );
    bind<SeedAccounts>(AccountSeeder).toDynamicValue(
      (context) => context.get<UseCases>(UseCasesToken).seedAccounts,
    );
  });
}
