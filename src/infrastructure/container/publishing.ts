import { PostActivity } from '../../application/activities/post-activity.use-case';
import { ActivityPubAccounts } from '../../application/activitypub/account-resolution';
import { ActivityPubActorDiscovery } from '../../application/activitypub/actor-discovery';
import { DeliveryNudge, NudgingDistribution } from '../../application/delivery/delivery-nudge';
import { DistributeActivity } from '../../application/distribution/distribute-activity.use-case';
import { DistributionRunner } from '../../application/distribution/distribution-runner';
import { NicknameBlockList } from '../../domain/admin/nickname-block-list';
import { RegisterUser } from '../../application/users/register-user.use-case';
import { UpdateProfile } from '../../application/users/update-profile.use-case';
import { activityPubFetching } from './activitypub-fetching';
import type { Email } from './email';
import type { Ports } from './ports';
import { mediaStorageOf } from './uploads';

/**
 * The publish use case and the use cases that publish through it, each built ONCE here and shared by the API
 * features, the web UI and the job runner (docs/architecture.md §4b).
 */
export interface Publishing {
  /** The one way an activity is published (docs/architecture.md §2). */
  readonly postActivity: PostActivity;
  /** The distribution it runs inline, and the runner runs for the jobs a crash left behind. */
  readonly distributeActivity: DistributeActivity;
  readonly runner: DistributionRunner;
  /** Nudged when a distribution queued remote deliveries: wakes this process's delivery runner. */
  readonly deliveriesQueued: DeliveryNudge;
  readonly registerUser: RegisterUser;
  readonly updateProfile: UpdateProfile;
}

/** Builds {@link Publishing} from the ports; the use cases module calls it once. */
export function buildPublishing(ports: Ports, email: Email): Publishing {
  const { storage, clock, ids, site, sanitizer, config } = ports;
  const logger = ports.logger.child({ component: 'publishing' });
  const distributeActivity = new DistributeActivity(storage, site, clock, logger, {
    notifyByEmail: email.settings.enabled,
  });
  const deliveriesQueued = new DeliveryNudge();
  // A post's remote deliveries and notification mails go out at once, not at their runner's next poll.
  const distribution = new NudgingDistribution(distributeActivity, deliveriesQueued, email.mailQueued);
  // Deleting an uploaded object deletes its files from the media store.
  const media = mediaStorageOf(config) ?? undefined;
  const postActivity = new PostActivity(storage, clock, ids, site, logger, sanitizer, distribution, {
    media,
    accounts: activityPubAccounts(ports),
  });
  const registration = {
    siteName: config.site,
    disableRegistration: config.disableRegistration,
    registration: config.registration,
    blockedNicknames: NicknameBlockList.withDefaults(config.blockedNicknames, config.admins),
  };
  return {
    postActivity,
    distributeActivity,
    deliveriesQueued,
    runner: new DistributionRunner(storage.jobs, distributeActivity, clock, logger),
    registerUser: new RegisterUser(
      postActivity,
      ports.passwords,
      ids,
      clock,
      site,
      registration,
      sanitizer,
      email.confirmations,
    ),
    updateProfile: new UpdateProfile(storage, postActivity, ids, clock, site, sanitizer),
  };
}

/** Follows of `acct:` accounts that name ActivityPub actors (docs/activitypub.md §9), over the guarded client. */
function activityPubAccounts(ports: Ports): ActivityPubAccounts {
  const { outbound, storage, clock, ids, discovery, site } = ports;
  const { documents } = activityPubFetching(outbound, storage, clock, site);
  return new ActivityPubAccounts(
    discovery,
    new ActivityPubActorDiscovery(documents, storage.objects, ids),
    storage.objects,
  );
}
