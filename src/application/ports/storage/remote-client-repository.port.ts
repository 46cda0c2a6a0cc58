/**
 * OAuth consumer credentials this server holds at another server (docs/protocol.md §7.1 step 3): obtained by a
 * Dialback-signed `POST /api/client/register` there, as `identity`, which is either a local actor's webfinger
 * (`alice@our.host`, for deliveries by alice) or our own host name (for fetching remote objects as the server).
 */
export interface RemoteClientCredentials {
  /** The remote host, lower case, with a port when it has one (as `hostOf` gives it). */
  readonly host: string;
  /** What we registered as there: `nick@our.host` or `our.host`. */
  readonly identity: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** ISO time of the registration. */
  readonly created: string;
}

/**
 * Credentials we registered at other servers, keyed by (host, identity), shared by every worker and machine.
 *
 * Every adapter honours: `find` answers the stored credentials of (host, identity) or null; `save` replaces
 * those of the same (host, identity); `remove` deletes them only while they still carry `clientId` (a
 * compare-and-delete, so a worker that saw a 401 with old credentials never deletes the fresh ones another
 * worker just registered) and answers whether it deleted.
 */
export interface RemoteClientRepository {
  find(host: string, identity: string): Promise<RemoteClientCredentials | null>;
  save(credentials: RemoteClientCredentials): Promise<void>;
  remove(host: string, identity: string, clientId: string): Promise<boolean>;
}
export const RemoteClientRepository = Symbol('RemoteClientRepository');
