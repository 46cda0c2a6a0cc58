import type { ResolutionContext } from 'inversify';

import { PostActivity } from '../../application/activities/post-activity.use-case';
import { DistributeActivity } from '../../application/distribution/distribute-activity.use-case';
import { DistributionRunner } from '../../application/distribution/distribution-runner';
import { Clock } from '../../application/ports/clock.port';
import { HtmlSanitizer } from '../../application/ports/html-sanitizer.port';
import { IdGenerator } from '../../application/ports/id-generator.port';
import { Logger } from '../../application/ports/logger.port';
import { PasswordHasher } from '../../application/ports/password-hasher.port';
import { Storage } from '../../application/ports/storage/unit-of-work.port';
import { RegisterUser } from '../../application/users/register-user.use-case';
import { UpdateProfile } from '../../application/users/update-profile.use-case';
import type { SiteUrls } from '../../domain/site/site-urls';
import { PumphouseConfig } from '../config/pumphouse-config';
import { Site } from './tokens';

/**
 * The publish use case and the use cases that publish through it, each built ONCE here and shared by the API
 * routers, the web UI and the job runner (ARCHITECTURE.md §4b).
 */
export interface Publishing {
  /** The one way an activity is published (ARCHITECTURE.md §2). */
  readonly postActivity: PostActivity;
  /** The distribution it runs inline, and the runner runs for the jobs a crash left behind. */
  readonly distributeActivity: DistributeActivity;
  readonly runner: DistributionRunner;
  readonly registerUser: RegisterUser;
  readonly updateProfile: UpdateProfile;
}

/** The token of {@link Publishing}; bound once (a singleton) by the api module. */
export const PublishingToken = Symbol('Publishing');

/** Builds {@link Publishing} from the ports; the container calls it once. */
export function buildPublishing(context: ResolutionContext): Publishing {
  const storage = context.get<Storage>(Storage);
  const clock = context.get<Clock>(Clock);
  const ids = context.get<IdGenerator>(IdGenerator);
  const site = context.get<SiteUrls>(Site);
  const sanitizer = context.get<HtmlSanitizer>(HtmlSanitizer);
  const logger = context.get<Logger>(Logger).child({ component: 'publishing' });
  const config = context.get<PumphouseConfig>(PumphouseConfig);
  const distributeActivity = new DistributeActivity(storage, site, clock, logger);
  const postActivity = new PostActivity(storage, clock, ids, site, logger, sanitizer, distributeActivity);
  const registration = { siteName: config.site, disableRegistration: config.disableRegistration };
  return {
    postActivity,
    distributeActivity,
    runner: new DistributionRunner(storage.jobs, distributeActivity, clock, logger),
    registerUser: new RegisterUser(
      postActivity,
      context.get<PasswordHasher>(PasswordHasher),
      ids,
      clock,
      site,
      registration,
      sanitizer,
    ),
    updateProfile: new UpdateProfile(storage, postActivity, ids, clock, site, sanitizer),
  };
}
