import type { Activity } from '../../domain/activity-streams/activity';
import type { SiteUrls } from '../../domain/site/site-urls';
import { activitySeenBy } from '../../domain/visibility/redaction';
import type { Viewer } from '../../domain/visibility/visibility';
import type { StreamRange } from '../ports/storage/stream-repository.port';
import { keepVisible, loadInOrder } from './batch-reads';
import { EmbeddedObjects } from './embedded-objects';
import type { ReadingRepositories } from './reading-repositories';
import { RecipientCheck } from './recipient-check';
import { readVisiblePage } from './visible-page';

// Marks an activity that went through the viewer's rule; only this module makes one (see ViewedActivity).
declare const seenByViewer: unique symbol;

/**
 * An activity as one viewer may see it (docs/architecture.md §2b): bto and bcc gone unless the viewer is its actor,
 * the internal `_received` list gone. Presenters take only this type, so an activity reaches a wire format only
 * after the application applied the rule: they need not, and cannot forget to.
 */
export type ViewedActivity = Activity & { readonly [seenByViewer]: true };

/** `activity` as `viewer` may see it (docs/protocol.md §6.4); the stored activity is left untouched. */
export function viewActivity(activity: Activity, viewer: Viewer): ViewedActivity {
  return activitySeenBy(activity, viewer) as ViewedActivity;
}

/** The repositories a {@link ViewerScope} reads. */
export type ViewerScopeRepositories = Pick<
  ReadingRepositories,
  'objects' | 'activities' | 'streams' | 'follows'
>;

/**
 * What one viewer may see, for the length of one response: the recipient check (§6.3), the filter every embedded
 * reference goes through ({@link EmbeddedObjects}: a stub for what the viewer may not see), and the first items of
 * an object's replies the viewer may see. Presenters get one from here and format what it answers.
 */
export class ViewerScope {
  readonly check: RecipientCheck;
  readonly embedded: EmbeddedObjects;

  constructor(
    private readonly repositories: ViewerScopeRepositories,
    site: SiteUrls,
    readonly viewer: Viewer,
  ) {
    this.check = new RecipientCheck(repositories, site, viewer);
    this.embedded = new EmbeddedObjects(repositories.objects, this.check);
  }

  /** The ids of the first `count` items of a replies stream the viewer may see (the rule of a direct read). */
  visibleReplyIds(stream: string, count: number): Promise<string[]> {
    const select = async (ids: string[]): Promise<string[]> => {
      const stored = await loadInOrder(ids, (batch) => this.repositories.objects.findManyByIds(batch));
      await this.check.primeCreationsOf(stored);
      const visible = await keepVisible(stored, (reply) => this.check.canSeeObject(reply));
      return visible.map((reply) => reply.id);
    };
    const read = (range: StreamRange) => this.repositories.streams.page(stream, range);
    return readVisiblePage(read, { count }, select);
  }

  /**
   * {@link visibleReplyIds} of many replies streams, keyed by stream: the newest `count` ids of every stream and
   * their documents are read in one batch each; only a stream whose first ids hide something from the viewer is
   * read on past them, alone (as a direct read would fill its page).
   */
  async visibleReplyIdsOfMany(streams: readonly string[], count: number): Promise<Map<string, string[]>> {
    if (streams.length === 0) {
      return new Map();
    }
    const newest = await this.repositories.streams.newestOfMany(streams, count);
    const ids = [...new Set([...newest.values()].flat())];
    const stored = await loadInOrder(ids, (batch) => this.repositories.objects.findManyByIds(batch));
    await this.check.primeCreationsOf(stored);
    const visible = new Set(
      (await keepVisible(stored, (reply) => this.check.canSeeObject(reply))).map((reply) => reply.id),
    );
    const answered = await Promise.all(
      [...newest].map(async ([stream, head]): Promise<[string, string[]]> => {
        const shown = head.filter((id) => visible.has(id));
        const complete = shown.length === head.length || head.length < count;
        return [stream, complete ? shown : await this.visibleReplyIds(stream, count)];
      }),
    );
    return new Map(answered);
  }
}
