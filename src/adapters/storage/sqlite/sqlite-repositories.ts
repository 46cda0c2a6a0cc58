import type Database from 'better-sqlite3';
import type { Clock } from '../../../application/ports/clock.port';
import type { Repositories } from '../../../application/ports/storage/unit-of-work.port';
import type { Executor } from './connection-gate';
import { bindPort } from './port-binding';
import {
  INVITE_REPOSITORY_METHODS,
  REPORT_REPOSITORY_METHODS,
  SqliteInviteRepository,
  SqliteReportRepository,
} from './sqlite-admin-repositories';
import { ACTIVITY_REPOSITORY_METHODS, SqliteActivityRepository } from './sqlite-activity-repository';
import { ACTOR_KEY_REPOSITORY_METHODS, SqliteActorKeyRepository } from './sqlite-actor-key-repository';
import {
  DIALBACK_TOKEN_REPOSITORY_METHODS,
  SqliteDialbackTokenRepository,
} from './sqlite-dialback-token-repository';
import { FOLLOW_GRAPH_METHODS, SqliteFollowGraph } from './sqlite-follow-graph';
import { JOB_QUEUE_METHODS, SqliteJobQueue } from './sqlite-job-queue';
import { NONCE_REPOSITORY_METHODS, SqliteNonceRepository } from './sqlite-nonce-repository';
import {
  OAUTH_CLIENT_REPOSITORY_METHODS,
  SqliteOAuthClientRepository,
} from './sqlite-oauth-client-repository';
import { OAUTH_TOKEN_REPOSITORY_METHODS, SqliteOAuthTokenRepository } from './sqlite-oauth-token-repository';
import {
  OAUTH2_GRANT_REPOSITORY_METHODS,
  SqliteOAuth2GrantRepository,
} from './sqlite-oauth2-grant-repository';
import { OBJECT_REPOSITORY_METHODS, SqliteObjectRepository } from './sqlite-object-repository';
import {
  REMOTE_CLIENT_REPOSITORY_METHODS,
  SqliteRemoteClientRepository,
} from './sqlite-remote-client-repository';
import { SESSION_REPOSITORY_METHODS, SqliteSessionRepository } from './sqlite-session-repository';
import { SqliteStreamRepository, STREAM_REPOSITORY_METHODS } from './sqlite-stream-repository';
import { SqliteUserRepository, USER_REPOSITORY_METHODS } from './sqlite-user-repository';

/** The synchronous bodies of every storage port over one connection. */
export interface SqliteRepositoryBodies {
  readonly users: SqliteUserRepository;
  readonly objects: SqliteObjectRepository;
  readonly activities: SqliteActivityRepository;
  readonly streams: SqliteStreamRepository;
  readonly follows: SqliteFollowGraph;
  readonly clients: SqliteOAuthClientRepository;
  readonly tokens: SqliteOAuthTokenRepository;
  readonly oauth2: SqliteOAuth2GrantRepository;
  readonly nonces: SqliteNonceRepository;
  readonly sessions: SqliteSessionRepository;
  readonly jobs: SqliteJobQueue;
  readonly dialbackTokens: SqliteDialbackTokenRepository;
  readonly remoteClients: SqliteRemoteClientRepository;
  readonly actorKeys: SqliteActorKeyRepository;
  readonly invites: SqliteInviteRepository;
  readonly reports: SqliteReportRepository;
}

/**
 * Builds the bodies once per connection: this is where every statement is prepared, so nothing is prepared
 * again per call or per unit of work.
 */
export function createSqliteRepositoryBodies(db: Database.Database, clock: Clock): SqliteRepositoryBodies {
  const streams = new SqliteStreamRepository(db);
  return {
    users: new SqliteUserRepository(db),
    objects: new SqliteObjectRepository(db),
    activities: new SqliteActivityRepository(db),
    streams,
    follows: new SqliteFollowGraph(db, streams),
    clients: new SqliteOAuthClientRepository(db),
    tokens: new SqliteOAuthTokenRepository(db),
    oauth2: new SqliteOAuth2GrantRepository(db),
    nonces: new SqliteNonceRepository(db),
    sessions: new SqliteSessionRepository(db),
    jobs: new SqliteJobQueue(db, clock),
    dialbackTokens: new SqliteDialbackTokenRepository(db),
    remoteClients: new SqliteRemoteClientRepository(db),
    actorKeys: new SqliteActorKeyRepository(db),
    invites: new SqliteInviteRepository(db),
    reports: new SqliteReportRepository(db),
  };
}

/**
 * The async ports over the bodies, each call going through `execute`: the gate for the store's own repositories,
 * or a unit of work's executor for the bundle it hands to its work. Cheap: no statement is prepared here.
 */
export function bindSqliteRepositories(bodies: SqliteRepositoryBodies, execute: Executor): Repositories {
  return {
    users: bindPort<Repositories['users']>(bodies.users, USER_REPOSITORY_METHODS, execute),
    objects: bindPort<Repositories['objects']>(bodies.objects, OBJECT_REPOSITORY_METHODS, execute),
    activities: bindPort<Repositories['activities']>(bodies.activities, ACTIVITY_REPOSITORY_METHODS, execute),
    streams: bindPort<Repositories['streams']>(bodies.streams, STREAM_REPOSITORY_METHODS, execute),
    follows: bindPort<Repositories['follows']>(bodies.follows, FOLLOW_GRAPH_METHODS, execute),
    clients: bindPort<Repositories['clients']>(bodies.clients, OAUTH_CLIENT_REPOSITORY_METHODS, execute),
    tokens: bindPort<Repositories['tokens']>(bodies.tokens, OAUTH_TOKEN_REPOSITORY_METHODS, execute),
    oauth2: bindPort<Repositories['oauth2']>(bodies.oauth2, OAUTH2_GRANT_REPOSITORY_METHODS, execute),
    nonces: bindPort<Repositories['nonces']>(bodies.nonces, NONCE_REPOSITORY_METHODS, execute),
    sessions: bindPort<Repositories['sessions']>(bodies.sessions, SESSION_REPOSITORY_METHODS, execute),
    jobs: bindPort<Repositories['jobs']>(bodies.jobs, JOB_QUEUE_METHODS, execute),
    dialbackTokens: bindPort<Repositories['dialbackTokens']>(
      bodies.dialbackTokens,
      DIALBACK_TOKEN_REPOSITORY_METHODS,
      execute,
    ),
    remoteClients: bindPort<Repositories['remoteClients']>(
      bodies.remoteClients,
      REMOTE_CLIENT_REPOSITORY_METHODS,
      execute,
    ),
    actorKeys: bindPort<Repositories['actorKeys']>(bodies.actorKeys, ACTOR_KEY_REPOSITORY_METHODS, execute),
    invites: bindPort<Repositories['invites']>(bodies.invites, INVITE_REPOSITORY_METHODS, execute),
    reports: bindPort<Repositories['reports']>(bodies.reports, REPORT_REPOSITORY_METHODS, execute),
  };
}
