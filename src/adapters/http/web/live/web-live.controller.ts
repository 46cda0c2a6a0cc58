import type { Request, Response } from 'express';

import type { AuthenticatedUser } from '../../../../application/auth/principal';
import type { InboxItem } from '../../../../application/notifications/notification-classifier';
import {
  type InboxChunk,
  isUnknownCursor,
  type UserInbox,
} from '../../../../application/notifications/user-inbox';
import { isMajor } from '../../../../domain/activity-streams/major-minor';
import { userStreamName } from '../../../../domain/distribution/stream-names';
import type { FeatureRoutes } from '../../feature-routes';
import type { WebContext } from '../web-context';
import { viewerOfUser } from '../web-page';
import type { InboxWatcher } from './inbox-watcher';
import { LIVE_CHUNK, LiveConnection, type LiveEvent } from './live-connection';
import type { LiveConnections } from './live-connections';

/** What live updates need, built once per process by the composition root. */
export interface LiveUpdates {
  readonly inbox: UserInbox;
  readonly watcher: InboxWatcher;
  readonly connections: LiveConnections;
}

// The longest position a client may hand back; stream items are ids, far shorter.
const MAX_CURSOR_CHARS = 2048;
// How long the browser waits before reconnecting (the SSE `retry:` field).
const RETRY_MS = 3000;

/**
 * `GET /main/events`: the logged-in user's inbox as server-sent events (issue 13, "New posts arrive without a
 * reload"). Each new item is an `activity` event whose id is its inbox position and whose data holds the HTML
 * the page would render for it (rendered and scrubbed here, by the same templates and view models as the pages:
 * the script never builds markup) and whether it is major and a notification; `unread` carries the notification
 * count; `reset` says the position given is unknown (the page should be reloaded).
 *
 * Invariants: session-authenticated (401 JSON for none, and EventSource does not retry); resumes after
 * `Last-Event-ID` (the browser's reconnect) or `?since=` (the newest position the page showed), else from the
 * newest item now; never cached, never buffered by a proxy (`X-Accel-Buffering: no`); a refused connection (a
 * limit) is a 429 JSON answer; the items come from {@link UserInbox}, through the stream read's redaction.
 */
export function mountLiveRoutes(router: FeatureRoutes, web: WebContext): void {
  const live = web.deps.live;
  if (live === undefined) return;

  router.get('/main/events', async (req, res) => {
    const user = web.pages.userOf(req);
    if (user === null) {
      res.status(401).set('Cache-Control', 'no-store').json({ error: 'Log in to get live updates.' });
      return;
    }
    const refusal = live.connections.refusal(user.nickname);
    if (refusal !== null) {
      res.status(429).set({ 'Cache-Control': 'no-store', 'Retry-After': '30' }).json({ error: refusal });
      return;
    }
    const given = cursorOf(req);
    const cursor = given ?? (await live.inbox.newestPosition(user));
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.flushHeaders();
    res.write(`retry: ${RETRY_MS}\n\n`);
    const present = presenter(req, res, web, user);
    const connection: LiveConnection = new LiveConnection(res, user, req.sessionID, cursor, {
      readAfter: (position) => readAfter(live, user, position, (event) => connection.send(event)),
      present,
      logger: web.deps.logger,
    });
    live.connections.add(connection);
    connection.send({ event: 'unread', data: { count: await live.inbox.unreadCount(user) } });
    const unwatch = live.watcher.watch(
      userStreamName(user.nickname, 'inbox'),
      () => void connection.wakeUp(),
    );
    res.on('close', () => {
      unwatch();
      live.connections.remove(connection);
      connection.close();
    });
    if (given !== null) await connection.wakeUp();
  });
}

/** What came in after `position`; an unknown position sends `reset` and starts from the newest item now. */
async function readAfter(
  live: LiveUpdates,
  user: AuthenticatedUser,
  position: string | null,
  send: (event: LiveEvent) => void,
): Promise<InboxChunk> {
  try {
    return await live.inbox.after(user, position, LIVE_CHUNK);
  } catch (error) {
    if (!isUnknownCursor(error)) throw error;
    // The position left the inbox (or never was in it): start from now, and say so.
    send({ event: 'reset', data: {} });
    return { items: [], position: await live.inbox.newestPosition(user), more: false };
  }
}

function cursorOf(req: Request): string | null {
  const header = req.get('Last-Event-ID');
  const query = (req.query as Record<string, unknown>).since;
  const value = header !== undefined && header !== '' ? header : typeof query === 'string' ? query : '';
  return value === '' || value.length > MAX_CURSOR_CHARS ? null : value;
}

/** Presents a chunk as events: one `activity` per item, then `unread` when a notification came. */
function presenter(req: Request, res: Response, web: WebContext, user: AuthenticatedUser) {
  const viewer = viewerOfUser(user);
  return async (chunk: InboxChunk): Promise<LiveEvent[]> => {
    const live = web.deps.live as LiveUpdates;
    const basics = { ...web.pages.basics(req, res), currentPath: '/' };
    const events: LiveEvent[] = [];
    for (const item of chunk.items) {
      // One at a time: a view model may drop an item it cannot show, and each event must hold its own.
      const [view] = (await web.streams.activityPage(req, pageOf([item]), viewer)).items;
      if (view === undefined) continue;
      const major = isMajor(item.activity);
      const html = web.deps.templates.render('web/live-item', { ...basics, item: view, major });
      events.push({
        id: item.activity.id,
        event: 'activity',
        data: { html, major, notification: item.notification },
      });
    }
    if (chunk.items.some((item) => item.notification !== null)) {
      events.push({ event: 'unread', data: { count: await live.inbox.unreadCount(user) } });
    }
    return events;
  };
}

function pageOf(items: readonly InboxItem[]) {
  return {
    itemKind: 'activity' as const,
    items: items.map((item) => item.activity),
    totalItems: items.length,
    range: { count: items.length },
  };
}
