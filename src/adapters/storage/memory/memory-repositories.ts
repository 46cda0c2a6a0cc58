import type { Clock } from '../../../application/ports/clock.port';
import type { Repositories } from '../../../application/ports/storage/unit-of-work.port';
import {
  MemoryAdminTables,
  MemoryInviteRepository,
  MemoryReportRepository,
} from './memory-admin-repositories';
import { MemoryActivityRepository, MemoryActivityTables } from './memory-activity-repository';
import { MemoryActorKeyRepository, MemoryActorKeyTables } from './memory-actor-key-repository';
import { MemoryDialbackTokenRepository, MemoryDialbackTokenTables } from './memory-dialback-token-repository';
import { MemoryFollowGraph, MemoryFollowTables } from './memory-follow-graph';
import type { MemoryGate } from './memory-gate';
import { MemoryJobQueue, MemoryJobTables } from './memory-job-queue';
import { MemoryNonceRepository, MemoryNonceTables } from './memory-nonce-repository';
import { MemoryOAuthClientRepository, MemoryOAuthClientTables } from './memory-oauth-client-repository';
import { MemoryOAuthTokenRepository, MemoryOAuthTokenTables } from './memory-oauth-token-repository';
import { MemoryOAuth2GrantRepository, MemoryOAuth2GrantTables } from './memory-oauth2-grant-repository';
import { MemoryObjectRepository, MemoryObjectTables } from './memory-object-repository';
import { MemoryRemoteClientRepository, MemoryRemoteClientTables } from './memory-remote-client-repository';
import { MemorySessionRepository, MemorySessionTables } from './memory-session-repository';
import { MemoryStreamTables } from './memory-stream-tables';
import { MemoryStreamRepository } from './memory-stream-repository';
import { MemoryUserRepository, MemoryUserTables } from './memory-user-repository';

/** Everything one memory store holds, one set of tables per repository. */
export class MemoryTables {
  readonly users = new MemoryUserTables();
  readonly objects = new MemoryObjectTables();
  readonly activities = new MemoryActivityTables();
  readonly streams = new MemoryStreamTables();
  readonly follows = new MemoryFollowTables();
  readonly clients = new MemoryOAuthClientTables();
  readonly tokens = new MemoryOAuthTokenTables();
  readonly oauth2 = new MemoryOAuth2GrantTables();
  readonly nonces = new MemoryNonceTables();
  readonly sessions = new MemorySessionTables();
  readonly jobs = new MemoryJobTables();
  readonly dialbackTokens = new MemoryDialbackTokenTables();
  readonly remoteClients = new MemoryRemoteClientTables();
  readonly actorKeys = new MemoryActorKeyTables();
  readonly admin = new MemoryAdminTables();
}

/**
 * Binds every memory repository to the same tables through one gate: the store's plain gate, or the gate of one
 * unit of work. Repositories are cheap views, so a unit of work makes a fresh set each time.
 */
export function createMemoryRepositories(tables: MemoryTables, gate: MemoryGate, clock: Clock): Repositories {
  return {
    users: new MemoryUserRepository(tables.users, gate),
    objects: new MemoryObjectRepository(tables.objects, gate),
    activities: new MemoryActivityRepository(tables.activities, gate),
    streams: new MemoryStreamRepository(tables.streams, gate),
    follows: new MemoryFollowGraph(tables.follows, gate),
    clients: new MemoryOAuthClientRepository(tables.clients, gate),
    tokens: new MemoryOAuthTokenRepository(tables.tokens, gate),
    oauth2: new MemoryOAuth2GrantRepository(tables.oauth2, gate),
    nonces: new MemoryNonceRepository(tables.nonces, gate),
    sessions: new MemorySessionRepository(tables.sessions, gate),
    jobs: new MemoryJobQueue(tables.jobs, gate, clock),
    dialbackTokens: new MemoryDialbackTokenRepository(tables.dialbackTokens, gate),
    remoteClients: new MemoryRemoteClientRepository(tables.remoteClients, gate),
    actorKeys: new MemoryActorKeyRepository(tables.actorKeys, gate),
    invites: new MemoryInviteRepository(tables.admin, gate),
    reports: new MemoryReportRepository(tables.admin, gate),
  };
}
