import { SanitizeHtmlSanitizer } from '../../src/adapters/sanitizing/sanitize-html-sanitizer';
import { CryptoIdGenerator } from '../../src/adapters/system/crypto-id-generator';
import { PostActivity } from '../../src/application/activities/post-activity.use-case';
import { DistributeActivity } from '../../src/application/distribution/distribute-activity.use-case';
import type { Clock } from '../../src/application/ports/clock.port';
import type { IdGenerator } from '../../src/application/ports/id-generator.port';
import type { Storage } from '../../src/application/ports/storage/unit-of-work.port';
import type { SiteUrls } from '../../src/domain/site/site-urls';
import { RecordingLogger } from '../integration/http/recording-logger';

/** The publish use case over `storage`, distributing inline, wired as the composition root wires it. */
export function publishUseCase(
  storage: Storage,
  clock: Clock,
  site: SiteUrls,
  ids: IdGenerator = new CryptoIdGenerator(),
): PostActivity {
  const logger = new RecordingLogger();
  const distribute = new DistributeActivity(storage, site, clock, logger);
  return new PostActivity(storage, clock, ids, site, logger, new SanitizeHtmlSanitizer(), distribute);
}
