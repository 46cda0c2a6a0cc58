import type { NotificationKind } from '../../../../domain/notifications/notification-kind';
import { parseStreamRange } from '../../paging/stream-range.parser';
import type { FeatureRoutes } from '../../feature-routes';
import type { WebContext } from '../web-context';
import { loggedInUser, requireLogin, viewerOfUser } from '../web-page';
import { WEB_PAGE_SIZE } from '../web-streams';

/** What the page says each kind of notification is. */
const KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  follow: 'New follower',
  favorite: 'Liked your post',
  share: 'Shared your post',
  reply: 'Replied to you',
  mention: 'Sent to you',
};

/**
 * `GET /main/notifications`: what happened to the logged-in user, newest first, paged with `?before=` (issue 13,
 * "Notifications").
 *
 * Invariants: only the user's own inbox is read, through {@link UserInbox} (the stream read's redaction); opening
 * the first page marks everything up to the inbox's newest position as seen, which resets the header's count; an
 * older page marks nothing; a bad `before` is the paging parser's 400.
 */
export function mountNotificationRoutes(router: FeatureRoutes, web: WebContext): void {
  const live = web.deps.live;
  if (live === undefined) return;

  router.get('/main/notifications', requireLogin(web.deps.session), async (req, res) => {
    const user = loggedInUser(web.deps.session, req);
    const range = parseStreamRange({ count: String(WEB_PAGE_SIZE), before: req.query.before });
    const before = range.before;
    const [newest, items] = await Promise.all([
      before === undefined ? live.inbox.newestPosition(user) : Promise.resolve(null),
      live.inbox.notifications(user, { count: WEB_PAGE_SIZE, before }),
    ]);
    const viewer = viewerOfUser(user);
    const entries = [];
    for (const item of items) {
      const page = {
        itemKind: 'activity' as const,
        items: [item.activity],
        totalItems: 1,
        range: { count: 1 },
      };
      const [view] = (await web.streams.activityPage(req, page, viewer)).items;
      if (view !== undefined && item.notification !== null) entries.push({ view, kind: item.notification });
    }
    if (newest !== null) await live.inbox.markSeen(user, newest);
    const last = items[items.length - 1];
    const pager = {
      older:
        last !== undefined && items.length >= WEB_PAGE_SIZE
          ? `/main/notifications?before=${encodeURIComponent(last.activity.id)}`
          : null,
      newer: before === undefined ? null : '/main/notifications',
    };
    web.pages.send(req, res, 'notifications', {
      title: 'Notifications',
      notifications: { items: entries, pager },
      kindLabels: KIND_LABELS,
    });
  });
}
