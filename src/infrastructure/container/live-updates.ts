import { InboxWatcher } from '../../adapters/http/web/live/inbox-watcher';
import { LiveConnections } from '../../adapters/http/web/live/live-connections';
import type { LiveUpdates } from '../../adapters/http/web/live/web-live.controller';
import type { WebSession } from '../../adapters/http/web/web-session';
import { UserInbox } from '../../application/notifications/user-inbox';
import type { Ports } from './ports';

/**
 * Live updates of this process (config `sockjs`; the `live*` settings): one watcher and one set of connections per
 * process, whatever the number of pages open. Null when turned off (the pages still work, without the script's
 * updates and without the notification page's count).
 */
export function buildLiveUpdates(ports: Ports): LiveUpdates | null {
  const { config, storage, clock } = ports;
  if (!config.sockjs || config.noweb) return null;
  const logger = ports.logger.child({ component: 'live' });
  return {
    inbox: new UserInbox(storage),
    watcher: new InboxWatcher(storage.streams, config.livePollInterval, logger),
    connections: new LiveConnections(
      {
        pollMs: config.livePollInterval,
        heartbeatMs: config.liveHeartbeatInterval,
        perUser: config.liveConnectionsPerUser,
        perProcess: config.liveConnectionsPerWorker,
      },
      storage.sessions,
      clock,
      logger,
    ),
  };
}

/** The web session, whose log out also closes that session's live connections in this process at once. */
export function closingLiveOnLogout(session: WebSession, live: LiveUpdates | null): WebSession {
  if (live === null) return session;
  return {
    userOf: (req) => session.userOf(req),
    logIn: (req, user) => session.logIn(req, user),
    async logOut(req) {
      const sessionId = req.sessionID;
      await session.logOut(req);
      live.connections.closeSession(sessionId);
    },
  };
}
