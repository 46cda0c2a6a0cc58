import { AddToList } from '../../application/activities/add-to-list.use-case';
import { DeleteObject } from '../../application/activities/delete-object.use-case';
import { DeleteActivity, UpdateActivity } from '../../application/activities/modify-activity.use-cases';
import { UpdateObject } from '../../application/activities/update-object.use-case';
import { ListDeliveries, RequeueDeliveries } from '../../application/delivery/delivery-operations';
import { DeliveryRunner } from '../../application/delivery/delivery-runner';
import { ResolveResource } from '../../application/discovery/resolve-resource.use-case';
import { ProxyRemoteResource } from '../../application/federation/proxy-remote-resource.use-case';
import { RefreshRemoteObject } from '../../application/federation/refresh-remote-object.use-case';
import { RemoteObjectRunner } from '../../application/federation/remote-object-runner';
import { AnswerDialback } from '../../application/federation/answer-dialback.use-case';
import { VerifyDialbackRequest } from '../../application/federation/verify-dialback-request.use-case';
import { AuthorizeRequestToken } from '../../application/oauth/authorize-request-token.use-case';
import { BeginAuthorization } from '../../application/oauth/begin-authorization.use-case';
import { ExchangeRequestToken } from '../../application/oauth/exchange-request-token.use-case';
import { IssueRequestToken } from '../../application/oauth/issue-request-token.use-case';
import { LogInToAuthorize } from '../../application/oauth/log-in-to-authorize.use-case';
import { RegisterClient } from '../../application/oauth/register-client.use-case';
import { GrantOAuth2Token } from '../../application/oauth2/grant-oauth2-token.use-case';
import {
  BeginOAuth2Authorization,
  DecideOAuth2Authorization,
  LogInForOAuth2,
} from '../../application/oauth2/oauth2-authorization.use-cases';
import { ResolveBearerToken } from '../../application/oauth2/resolve-bearer-token.use-case';
import { ReadActivity } from '../../application/reading/read-activity.use-case';
import { ReadObjectCollection } from '../../application/reading/read-object-collection.use-case';
import { ReadObject } from '../../application/reading/read-object.use-case';
import { ReadUserStream } from '../../application/reading/read-user-stream.use-case';
import { SeedAccounts } from '../../application/seeding/seed-accounts.use-case';
import { mediaStorageOf } from './uploads';
import { DeleteUser } from '../../application/users/delete-user.use-case';
import { ChangePersonFilter } from '../../application/blocking/change-person-filter.use-case';
import { ExportAccount } from '../../application/users/export-account.use-case';
import { ImportFollows } from '../../application/users/import-follows.use-case';
import { ListUsers } from '../../application/users/list-users.use-case';
import { ReadUser } from '../../application/users/read-user.use-case';
import { UpdateUser } from '../../application/users/update-user.use-case';
import type { ReadingUseCases } from '../../adapters/http/reading/reading.router';
import { MathRandomSource } from '../../adapters/system/math-random-source';
import type { Ports } from './ports';
import { type AdminUseCases, buildAdmin } from './admin';
import { buildEmail, type Email } from './email';
import { buildPublishing, type Publishing } from './publishing';

/**
 * Every use case and application service of the server, each built ONCE from the ports and handed to the
 * features, the periodic tasks and the account seeder that need it (docs/architecture.md §4b).
 */
export interface UseCases {
  readonly publishing: Publishing;
  /** Mail: confirmations, password recovery, the standing of unconfirmed accounts, the mail runner. */
  readonly email: Email;
  readonly reading: ReadingUseCases;
  readonly users: {
    readonly listUsers: ListUsers;
    readonly readUser: ReadUser;
    readonly updateUser: UpdateUser;
    readonly deleteUser: DeleteUser;
    readonly changePersonFilter: ChangePersonFilter;
    readonly exportAccount: ExportAccount;
    readonly importFollows: ImportFollows;
  };
  readonly activities: {
    readonly updateObject: UpdateObject;
    readonly deleteObject: DeleteObject;
    readonly addToList: AddToList;
    readonly updateActivity: UpdateActivity;
    readonly deleteActivity: DeleteActivity;
  };
  readonly oauth: {
    readonly registerClient: RegisterClient;
    readonly issueRequestToken: IssueRequestToken;
    readonly exchangeRequestToken: ExchangeRequestToken;
    readonly beginAuthorization: BeginAuthorization;
    readonly logInToAuthorize: LogInToAuthorize;
    readonly authorizeRequestToken: AuthorizeRequestToken;
  };
  /** OAuth 2 (docs/protocol.md §2.4): the pages, the token endpoint, and what a bearer token grants. */
  readonly oauth2: {
    readonly begin: BeginOAuth2Authorization;
    readonly logIn: LogInForOAuth2;
    readonly decide: DecideOAuth2Authorization;
    readonly grantToken: GrantOAuth2Token;
    readonly resolveBearerToken: ResolveBearerToken;
  };
  readonly resolveResource: ResolveResource;
  /** Dialback (docs/protocol.md §7.4), both sides. */
  readonly dialback: {
    /** Answers `POST /api/dialback`. */
    readonly answer: AnswerDialback;
    /** Verifies a Dialback-signed `POST /api/client/register`. */
    readonly verify: VerifyDialbackRequest;
  };
  readonly deliveries: {
    readonly list: ListDeliveries;
    readonly requeue: RequeueDeliveries;
    /** Runs due remote deliveries (the periodic task). */
    readonly runner: DeliveryRunner;
  };
  /** Remote people and objects: fetched from their origin, read through `/api/proxy`. */
  readonly remote: {
    readonly refreshObject: RefreshRemoteObject;
    /** Runs due fetches of remote objects (the periodic task). */
    readonly runner: RemoteObjectRunner;
    readonly proxy: ProxyRemoteResource;
  };
  /** The `clients` and `users` settings, created at start. */
  readonly seedAccounts: SeedAccounts;
  /** Accounts, invites and reports for the admins (`pumphouse ctl users|invites`, `/main/admin/...`). */
  readonly admin: AdminUseCases;
}

/** The token of {@link UseCases}, bound once (a singleton) by the app module. */
export const UseCasesToken = Symbol('UseCases');

/** Builds {@link UseCases}; the container calls it once. */
export function buildUseCases(ports: Ports): UseCases {
  const { storage, clock, ids, site, sanitizer, passwords, digest } = ports;
  const email = buildEmail(ports);
  const publishing = buildPublishing(ports, email);
  const { postActivity } = publishing;
  const remoteLogger = ports.logger.child({ component: 'remote-objects' });
  const refreshObject = new RefreshRemoteObject(
    storage,
    ports.remoteObjects,
    site,
    clock,
    sanitizer,
    remoteLogger,
  );
  return {
    publishing,
    email,
    reading: {
      readObject: new ReadObject(storage, site),
      readActivity: new ReadActivity(storage, site),
      readUserStream: new ReadUserStream(storage, site),
      readObjectCollection: new ReadObjectCollection(storage, site),
    },
    users: {
      listUsers: new ListUsers(storage, site),
      readUser: new ReadUser(storage, site),
      updateUser: new UpdateUser(storage, passwords, clock, site, sanitizer, email.confirmations),
      deleteUser: new DeleteUser(storage, {
        post: postActivity,
        passwords,
        clock,
        site,
        logger: ports.logger.child({ component: 'accounts' }),
      }),
      exportAccount: new ExportAccount(storage, site, mediaStorageOf(ports.config)),
      importFollows: new ImportFollows(storage, postActivity, site, ports.config.maxFollowImport),
      changePersonFilter: new ChangePersonFilter(storage),
    },
    activities: {
      updateObject: new UpdateObject(postActivity, storage.objects, site),
      deleteObject: new DeleteObject(postActivity, storage.objects, site),
      addToList: new AddToList(postActivity, storage.objects, site),
      updateActivity: new UpdateActivity(storage, clock, site, sanitizer),
      deleteActivity: new DeleteActivity(storage, clock, site),
    },
    oauth: {
      registerClient: new RegisterClient(storage.clients, ids, clock),
      issueRequestToken: new IssueRequestToken(storage.tokens, ids, clock),
      exchangeRequestToken: new ExchangeRequestToken(storage, ids, clock),
      beginAuthorization: new BeginAuthorization(storage.tokens, storage.clients, clock),
      logInToAuthorize: new LogInToAuthorize(
        storage.tokens,
        storage.clients,
        storage.users,
        passwords,
        clock,
      ),
      authorizeRequestToken: new AuthorizeRequestToken(storage.tokens, ids, clock),
    },
    oauth2: {
      begin: new BeginOAuth2Authorization(storage.clients),
      logIn: new LogInForOAuth2(storage.clients, storage.users, passwords),
      decide: new DecideOAuth2Authorization({
        clients: storage.clients,
        users: storage.users,
        grants: storage.oauth2,
        ids,
        digest,
        clock,
      }),
      grantToken: new GrantOAuth2Token({ unitOfWork: storage, ids, digest, clock }),
      resolveBearerToken: new ResolveBearerToken({
        grants: storage.oauth2,
        clients: storage.clients,
        digest,
        clock,
      }),
    },
    resolveResource: new ResolveResource(storage, site),
    dialback: {
      answer: new AnswerDialback(storage.dialbackTokens, clock, site),
      verify: new VerifyDialbackRequest({
        discovery: ports.discovery,
        http: ports.outbound,
        nonces: storage.nonces,
        clock,
        site,
        logger: ports.logger.child({ component: 'dialback' }),
      }),
    },
    deliveries: {
      list: new ListDeliveries(storage.jobs),
      requeue: new RequeueDeliveries(storage.jobs),
      runner: new DeliveryRunner(
        storage.jobs,
        ports.activityDelivery,
        clock,
        new MathRandomSource(),
        ports.logger.child({ component: 'delivery' }),
      ),
    },
    remote: {
      refreshObject,
      runner: new RemoteObjectRunner(storage.jobs, refreshObject, clock, remoteLogger),
      proxy: new ProxyRemoteResource(ports.proxyIds, ports.signedRemoteFetch, site),
    },
    seedAccounts: new SeedAccounts(
      storage,
      passwords,
      clock,
      site,
      ports.logger.child({ component: 'api' }),
      digest,
    ),
    admin: buildAdmin(ports, email),
  };
}
