import type { ReadingUseCases } from '../../../src/adapters/http/reading/reading.router';
import { ReadActivity } from '../../../src/application/reading/read-activity.use-case';
import { ReadObjectCollection } from '../../../src/application/reading/read-object-collection.use-case';
import { ReadObject } from '../../../src/application/reading/read-object.use-case';
import { ReadUserStream } from '../../../src/application/reading/read-user-stream.use-case';
import type { ReadingRepositories } from '../../../src/application/reading/reading-repositories';
import type { SiteUrls } from '../../../src/domain/site/site-urls';

/** The reading use cases over `repositories`, as the composition root builds them, for tests of one feature. */
export function readingUseCases(repositories: ReadingRepositories, site: SiteUrls): ReadingUseCases {
  return {
    readObject: new ReadObject(repositories, site),
    readActivity: new ReadActivity(repositories, site),
    readUserStream: new ReadUserStream(repositories, site),
    readObjectCollection: new ReadObjectCollection(repositories, site),
  };
}
