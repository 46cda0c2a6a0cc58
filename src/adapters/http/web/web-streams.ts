import type { Request } from 'express';

import type { StreamRange } from '../../../application/ports/storage/stream-repository.port';
import type { StreamPage } from '../../../application/reading/stream-items';
import type { Viewer } from '../../../domain/visibility/visibility';
import { parseStreamRange } from '../paging/stream-range.parser';
import type { As1ActivityPresenter } from '../presenters/as1-activity.presenter';
import type { As1ObjectPresenter } from '../presenters/as1-object.presenter';
import type { ProxyUrls } from '../presenters/proxy-urls';
import type { ActivityView, ObjectView, PersonView, ViewModels } from './web-view-models';

/** How many items a page of a stream shows. */
export const WEB_PAGE_SIZE = 20;

/** The older/newer links under a stream; null where there is nothing to go to. */
export interface Pager {
  readonly older: string | null;
  readonly newer: string | null;
}

/** A shown page: its items and its links. */
export interface ShownPage<T> {
  readonly items: T[];
  readonly pager: Pager;
}

/**
 * The range of one stream on a page from the query. `prefix` names the stream's parameters when a page shows
 * two streams (the home page's `minorBefore`...), so each pages on its own. Bad values are the parser's 400.
 */
export function webRange(req: Request, prefix = ''): StreamRange {
  const query = req.query as Record<string, unknown>;
  const name = (key: string): string => (prefix === '' ? key : prefix + key[0].toUpperCase() + key.slice(1));
  return parseStreamRange({
    count: String(WEB_PAGE_SIZE),
    before: query[name('before')],
    since: query[name('since')],
  });
}

/**
 * The pager of a page: "older" after the last item when the page is full (there may be more), "newer" before
 * the first item when this is not the newest page. Other query parameters of the page are kept.
 */
export function pagerOf(req: Request, range: StreamRange, ids: readonly string[], prefix = ''): Pager {
  const name = (key: string): string => (prefix === '' ? key : prefix + key[0].toUpperCase() + key.slice(1));
  const link = (key: string, id: string): string => {
    const params = new URLSearchParams();
    for (const [param, value] of Object.entries(req.query)) {
      if (typeof value === 'string' && param !== name('before') && param !== name('since')) {
        params.set(param, value);
      }
    }
    params.set(name(key), id);
    return `${req.path}?${params.toString()}`;
  };
  const first = ids[0];
  const last = ids[ids.length - 1];
  const notNewest = range.before !== undefined || (range.since !== undefined && ids.length >= range.count);
  return {
    older: last !== undefined && ids.length >= range.count ? link('before', last) : null,
    newer: first !== undefined && notNewest ? link('since', first) : null,
  };
}

/**
 * Presents pages of the reading use cases as view models. For a logged-in viewer, remote URLs get their
 * `pump_io.proxyURL` as in the API, so remote avatars load through `/api/proxy` (see ViewModels.person).
 */
export class WebStreams {
  constructor(
    private readonly activities: As1ActivityPresenter,
    private readonly objects: As1ObjectPresenter,
    private readonly views: ViewModels,
    private readonly proxyUrls?: ProxyUrls,
  ) {}

  private forViewer<T>(json: T, viewer: Viewer): T {
    return viewer !== null && this.proxyUrls !== undefined ? this.proxyUrls.decorate(json) : json;
  }

  async activityPage(
    req: Request,
    page: StreamPage,
    viewer: Viewer,
    prefix = '',
  ): Promise<ShownPage<ActivityView>> {
    const items = page.itemKind === 'activity' ? page.items : [];
    const json = this.forViewer(
      await this.activities.presentItems(items, this.objects.contextFor(viewer)),
      viewer,
    );
    const ids = items.map((item) => item.id);
    return {
      items: this.views.many(json, (item) => this.views.activity(item)),
      pager: pagerOf(req, page.range, ids, prefix),
    };
  }

  async objectPage(req: Request, page: StreamPage, viewer: Viewer): Promise<ShownPage<ObjectView>> {
    const items = page.itemKind === 'activity' ? [] : page.items;
    const json = this.forViewer(
      await this.objects.presentItems(items, this.objects.contextFor(viewer)),
      viewer,
    );
    const ids = items.map((item) => item.id);
    return {
      items: this.views.many(json, (item) => this.views.object(item)),
      pager: pagerOf(req, page.range, ids),
    };
  }

  async personPage(req: Request, page: StreamPage, viewer: Viewer): Promise<ShownPage<PersonView>> {
    const shown = await this.objectPage(req, page, viewer);
    return { items: shown.items.flatMap((item) => item.person ?? []), pager: shown.pager };
  }

  /** One object, fully decorated (liked, shared, followed, counts). */
  async oneObject(
    object: Parameters<As1ObjectPresenter['presentOne']>[0],
    viewer: Viewer,
  ): Promise<ObjectView | null> {
    return this.views.object(this.forViewer(await this.objects.presentOne(object, viewer), viewer));
  }
}
