import { forbidden, gone, notFound } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Viewer } from '../../domain/visibility/visibility';
import type { ReadingRepositories } from './reading-repositories';
import { RecipientCheck } from './recipient-check';
import { viewActivity, type ViewedActivity } from './viewer-scope';
import { withContent } from './with-content';

/** What {@link ReadActivity} needs: the activity's uuid, and who is looking. */
export interface ReadActivityCommand {
  readonly uuid: string;
  readonly viewer: Viewer;
}

/**
 * `GET /api/activity/<uuid>` (docs/protocol.md §4.5): the stored activity, for its actor or a recipient (§6.3).
 *
 * Invariants: 404 for an unknown activity, 410 "Deleted" for a deleted one, 403 for anyone who is neither actor
 * nor recipient. The activity is returned as the viewer may see it (bto/bcc only for its actor, §6.4), with a
 * `content` ({@link withContent}: one generated for an activity stored without).
 */
export class ReadActivity {
  constructor(
    private readonly repositories: Pick<
      ReadingRepositories,
      'objects' | 'activities' | 'follows' | 'streams'
    >,
    private readonly site: SiteUrls,
  ) {}

  async execute(command: ReadActivityCommand): Promise<ViewedActivity> {
    const id = this.site.activityId(command.uuid);
    const activity = await this.repositories.activities.findById(id);
    if (activity === null) {
      throw notFound('activity.not-found', `No activity with id ${id}`);
    }
    if (activity.deleted !== undefined) {
      throw gone('activity.deleted', 'Deleted');
    }
    const check = new RecipientCheck(this.repositories, this.site, command.viewer);
    if (!(await check.canSeeActivity(activity))) {
      throw forbidden('activity.forbidden', 'No authorization for this activity.');
    }
    const [complete] = await withContent(this.repositories, [activity]);
    return viewActivity(complete, command.viewer);
  }
}
