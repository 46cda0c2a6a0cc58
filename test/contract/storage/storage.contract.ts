import { describeAdminRepositoriesContract } from './admin-repositories.contract';
import { describeActivityRepositoryContract } from './activity-repository.contract';
import { describeActorKeyRepositoryContract } from './actor-key-repository.contract';
import { describeFederationRepositoriesContract } from './federation-repositories.contract';
import { describeFollowGraphContract } from './follow-graph.contract';
import { describeJobQueueContract } from './job-queue.contract';
import { describeJobQueueBatchesContract } from './job-queue-batches.contract';
import { describeJobQueueGroupsContract } from './job-queue-groups.contract';
import { describeNonceRepositoryContract } from './nonce-repository.contract';
import { describeOAuthClientRepositoryContract } from './oauth-client-repository.contract';
import { describeOAuthTokenRepositoryContract } from './oauth-token-repository.contract';
import { describeOAuth2GrantRepositoryContract } from './oauth2-grant-repository.contract';
import { describeObjectRepositoryContract } from './object-repository.contract';
import { describeSessionRepositoryContract } from './session-repository.contract';
import { type StorageLifecycleOptions, describeStorageLifecycleContract } from './storage-lifecycle.contract';
import { describeStreamRepositoryContract } from './stream-repository.contract';
import type { OpenTestStore } from './test-store';
import { describeUnitOfWorkContract } from './unit-of-work.contract';
import { describeUserRepositoryContract } from './user-repository.contract';

/**
 * Every storage contract suite, against one adapter: what a runner file calls. A behaviour every adapter must
 * have is added here first (docs/architecture.md §4).
 */
export function describeStorageContract(
  adapter: string,
  open: OpenTestStore,
  options: StorageLifecycleOptions,
): void {
  describe(`${adapter} storage contract`, () => {
    describeUserRepositoryContract(open);
    describeObjectRepositoryContract(open);
    describeActivityRepositoryContract(open);
    describeStreamRepositoryContract(open);
    describeFollowGraphContract(open);
    describeOAuthClientRepositoryContract(open);
    describeOAuthTokenRepositoryContract(open);
    describeOAuth2GrantRepositoryContract(open);
    describeNonceRepositoryContract(open);
    describeSessionRepositoryContract(open);
    describeFederationRepositoriesContract(open);
    describeActorKeyRepositoryContract(open);
    describeAdminRepositoriesContract(open);
    describeJobQueueContract(open);
    describeJobQueueGroupsContract(open);
    describeJobQueueBatchesContract(open);
    describeUnitOfWorkContract(open);
    describeStorageLifecycleContract(open, options);
  });
}
