import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { activityPubFeature } from '../../adapters/http/activitypub/activitypub.router';
import type { Feature } from '../../adapters/http/feature-routes';
import { ActivityPubAftermath } from '../../application/activitypub/follow-acceptance';
import { DescribeNode } from '../../application/activitypub/describe-node.use-case';
import { ReceiveActivityPubDelivery } from '../../application/activitypub/receive-delivery.use-case';
import { activityPubFetching } from './activitypub-fetching';
import type { Ports } from './ports';
import type { UseCases } from './use-cases';

/** The version in package.json, three folders up from both src/infrastructure/container and dist/... */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

/** The ActivityPub feature (docs/activitypub.md): actors with their keys, collections, inboxes, NodeInfo. */
export function buildActivityPubFeature(ports: Ports, useCases: UseCases): Feature {
  const { storage, clock, site, config } = ports;
  const { actorKeys, signatures, documents } = activityPubFetching(ports.outbound, storage, clock, site);
  return activityPubFeature({
    site,
    repositories: storage,
    readUser: useCases.users.readUser,
    readUserStream: useCases.reading.readUserStream,
    readObject: useCases.reading.readObject,
    readObjectCollection: useCases.reading.readObjectCollection,
    actorKeys,
    describeNode: new DescribeNode(storage, {
      softwareVersion: packageVersion(),
      openRegistrations: config.disableRegistration !== true,
    }),
    receiveDelivery: new ReceiveActivityPubDelivery(
      signatures,
      documents,
      actorKeys,
      useCases.publishing.postActivity,
      storage,
      site,
      ports.sanitizer,
      new ActivityPubAftermath(storage, useCases.publishing.postActivity, site, clock, ports.ids),
    ),
  });
}
