import type { ActivityRepository } from './activity-repository.port';
import type { ActorKeyRepository } from './actor-key-repository.port';
import type { DialbackTokenRepository } from './dialback-token-repository.port';
import type { FollowGraph } from './follow-graph.port';
import type { InviteRepository } from './invite-repository.port';
import type { JobQueue } from './job-queue.port';
import type { NonceRepository } from './nonce-repository.port';
import type { OAuthClientRepository } from './oauth-client-repository.port';
import type { OAuthTokenRepository } from './oauth-token-repository.port';
import type { OAuth2GrantRepository } from './oauth2-grant-repository.port';
import type { ObjectRepository } from './object-repository.port';
import type { RemoteClientRepository } from './remote-client-repository.port';
import type { ReportRepository } from './report-repository.port';
import type { SessionRepository } from './session-repository.port';
import type { StreamRepository } from './stream-repository.port';
import type { UserRepository } from './user-repository.port';

/** Every storage port, as one bundle: what a unit of work hands to its callback. */
export interface Repositories {
  readonly users: UserRepository;
  readonly objects: ObjectRepository;
  readonly activities: ActivityRepository;
  readonly streams: StreamRepository;
  readonly follows: FollowGraph;
  readonly clients: OAuthClientRepository;
  readonly tokens: OAuthTokenRepository;
  readonly oauth2: OAuth2GrantRepository;
  readonly nonces: NonceRepository;
  readonly sessions: SessionRepository;
  readonly jobs: JobQueue;
  readonly dialbackTokens: DialbackTokenRepository;
  readonly remoteClients: RemoteClientRepository;
  readonly actorKeys: ActorKeyRepository;
  /** Admin tools (issue 14 item 4): invite codes and users' reports. */
  readonly invites: InviteRepository;
  readonly reports: ReportRepository;
}

/**
 * All-or-nothing writes across repositories: an activity, its outbox entry and its distribution job are written
 * together or not at all.
 *
 * Every adapter honours: the work sees its own writes; when it throws, none of its writes are kept and the error
 * reaches the caller unchanged; when it resolves, all of them are kept; other callers never see a part of it;
 * units of work never interleave their writes (they are serialisable); the work must only await the given
 * repositories (no network I/O), because it may hold a store-wide write lock.
 */
export interface UnitOfWork {
  run<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
}
export const UnitOfWork = Symbol('UnitOfWork');

/** An opened store: the repositories, units of work over them, and the way to close it. */
export interface Storage extends Repositories, UnitOfWork {
  /**
   * Commits the smallest durable write the store can make, changing no data, and resolves; rejects when the store
   * cannot write now (disk full, read-only, closed). What a health check asks: a read, or a write rolled back
   * before it reaches the disk, would still succeed on a full disk.
   */
  probeWrite(): Promise<void>;
  /** Flushes and closes; later calls fail. Safe to call twice. */
  close(): Promise<void>;
}
export const Storage = Symbol('Storage');
