import type { Activity } from '../../domain/activity-streams/activity';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { ObjectType } from '../../domain/activity-streams/object-types';
import type { StreamRange } from '../ports/storage/stream-repository.port';
import type { ReadingRepositories } from './reading-repositories';
import type { RecipientCheck } from './recipient-check';
import { type PageReader, readVisiblePage } from './visible-page';
import { keepVisible, loadInOrder } from './batch-reads';
import { viewActivity, type ViewedActivity } from './viewer-scope';
import { withContent } from './with-content';

/**
 * The items of a page with what they are (which decides how they are presented): objects as stored, activities as
 * the viewer may see them.
 */
export type StreamItems =
  | { readonly itemKind: 'activity'; readonly items: ViewedActivity[] }
  | { readonly itemKind: 'person' | 'object' | 'collection'; readonly items: AsObject[] };

/** One page of a stream or collection, with the total the collection JSON reports and the range it was read with. */
export type StreamPage = StreamItems & { readonly totalItems: number; readonly range: StreamRange };

/** How to read one stream for a viewer: whose ids, which kind, and whether the viewer sees everything in it. */
export interface StreamSource {
  readonly read: PageReader;
  readonly itemKind: StreamItems['itemKind'];
  /** True when the viewer may see every item (the owner, or a stream pump.io does not filter). */
  readonly unfiltered: boolean;
  /** Persons only: keeps those that pass (a search); the page is then filled past the others. */
  readonly matches?: (person: AsObject) => boolean;
}

type ItemRepositories = Pick<ReadingRepositories, 'objects' | 'activities'>;

/**
 * Reads one page of `source` for the check's viewer, loading each chunk of ids with one batch lookup.
 *
 * Invariants: items keep stream order (newest first); ids without a stored document are skipped, except persons,
 * which come out as a bare `{id, objectType: "person"}` reference (a follower whose profile was never fetched is
 * still a follower); filtered streams are filled past hidden items ({@link readVisiblePage}); every activity has a
 * `content` ({@link withContent}).
 */
export async function readStreamItems(
  repositories: ItemRepositories,
  check: RecipientCheck,
  source: StreamSource,
  range: StreamRange,
): Promise<StreamItems> {
  if (source.itemKind === 'activity') {
    const select = async (ids: string[]): Promise<ViewedActivity[]> => {
      const loaded = await loadInOrder(ids, (batch) => repositories.activities.findManyByIds(batch));
      const visible = source.unfiltered
        ? loaded
        : await keepVisible(loaded, (activity) => check.canSeeActivity(activity));
      // Even the owner of a stream sees others' activities in it without their blind copies (docs/protocol.md §6.4).
      const complete = await withContent(repositories, visible);
      return complete.map((activity: Activity) => viewActivity(activity, check.viewer));
    };
    return { itemKind: 'activity', items: await pageOf(source, range, select) };
  }
  const select = async (ids: string[]): Promise<AsObject[]> => {
    if (source.itemKind === 'person') {
      const found =
        ids.length === 0 ? new Map<string, AsObject>() : await repositories.objects.findManyByIds(ids);
      const persons = ids.map((id) => found.get(id) ?? { id, objectType: ObjectType.PERSON });
      return source.matches === undefined ? persons : persons.filter(source.matches);
    }
    const loaded = await loadInOrder(ids, (batch) => repositories.objects.findManyByIds(batch));
    if (source.unfiltered) {
      return loaded;
    }
    // The rule of an embedded object: a direct read's, and persons (public profiles) always pass.
    await check.primeCreationsOf(loaded);
    return keepVisible(loaded, (object) => check.canSeeEmbedded(object));
  };
  return { itemKind: source.itemKind, items: await pageOf(source, range, select) };
}

function pageOf<T>(
  source: StreamSource,
  range: StreamRange,
  select: (ids: string[]) => Promise<T[]>,
): Promise<T[]> {
  // An unfiltered stream is read exactly as asked: one page, so a bad cursor or range fails like the storage says.
  return source.unfiltered ? source.read(range).then(select) : readVisiblePage(source.read, range, select);
}
