import { localPerson } from '../../domain/site/local-person';
import type { SiteUrls } from '../../domain/site/site-urls';
import { assertValidNickname } from '../../domain/users/nickname';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { PasswordHasher } from '../ports/password-hasher.port';
import type { SecretDigest } from '../ports/secret-digest.port';
import type { OAuthClient } from '../ports/storage/oauth-client-repository.port';
import type { Repositories, UnitOfWork } from '../ports/storage/unit-of-work.port';
import type { UserRecord } from '../ports/storage/user-repository.port';
import { isoSeconds } from '../users/timestamps';

/** A configured OAuth client, with pump.io's config field names. */
export interface SeedClient {
  readonly client_id: string;
  readonly client_secret: string;
  readonly title?: string;
  readonly description?: string;
  readonly host?: string;
}

/** A configured token: OAuth 1.0a when it has `token_secret` and no `scope`, else an OAuth 2 bearer token. */
export interface SeedToken {
  readonly token: string;
  readonly token_secret?: string;
  readonly client_id: string;
  readonly scope?: string;
}

/** A configured user. */
export interface SeedUser {
  readonly nickname: string;
  readonly password: string;
  readonly email?: string;
  readonly tokens?: readonly SeedToken[];
}

/** The `clients` and `users` settings, as validated by the config schema. */
export interface SeedAccountsCommand {
  readonly clients?: readonly SeedClient[];
  readonly users?: readonly SeedUser[];
}

/** What a start changed, for the start-up log. */
export interface SeedReport {
  readonly clientsCreated: number;
  readonly clientsUpdated: number;
  readonly usersCreated: number;
  readonly usersUpdated: number;
  readonly tokensCreated: number;
}

/**
 * Creates the configured clients and users at start, as pump.io does for its tests (docs/protocol.md §3.1:
 * "Users created through config get none of this"): a user gets a record and a person, no streams, no lists, no
 * activities, and is not listed in `/api/users`.
 *
 * Invariants: idempotent, a second start with the same config changes nothing; a client whose secret, title,
 * description or host changed in the config is updated; a user whose configured password no longer verifies gets
 * the new hash (and the configured email); an OAuth 1.0a token is created for its user and client unless it exists
 * (a token already held by another user or client is left alone, with a warning); a bearer token (with `scope`
 * or without `token_secret`, docs/protocol.md §2.4) is stored as an OAuth 2 bearer token that never expires, kept
 * only as its digest, on the same terms. Nicknames must pass the usual rules. All writes happen in one unit of
 * work.
 */
export class SeedAccounts {
  constructor(
    private readonly storage: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly site: SiteUrls,
    private readonly logger: Logger,
    private readonly digest: SecretDigest,
  ) {}

  async execute(command: SeedAccountsCommand): Promise<SeedReport> {
    const users = command.users ?? [];
    users.forEach((user) => assertValidNickname(user.nickname));
    // Hash outside the unit of work (bcrypt is slow); only users whose password changed will use theirs.
    const hashes = new Map<string, string>();
    const stored = await this.storage.run(async (tx) =>
      Promise.all(users.map((user) => tx.users.findByNickname(user.nickname))),
    );
    for (const [index, user] of users.entries()) {
      const existing = stored[index];
      if (existing === null || !(await this.hasher.verify(user.password, existing.passwordHash))) {
        hashes.set(user.nickname, await this.hasher.hash(user.password));
      }
    }
    const report = {
      clientsCreated: 0,
      clientsUpdated: 0,
      usersCreated: 0,
      usersUpdated: 0,
      tokensCreated: 0,
    };
    await this.storage.run(async (tx) => {
      for (const client of command.clients ?? []) await this.seedClient(tx, client, report);
      for (const user of users) await this.seedUser(tx, user, hashes.get(user.nickname), report);
    });
    return report;
  }

  private async seedClient(tx: Repositories, seed: SeedClient, report: Mutable<SeedReport>): Promise<void> {
    const now = this.clock.now().toISOString();
    const fields = {
      secret: seed.client_secret,
      ...(seed.title === undefined ? {} : { title: seed.title }),
      ...(seed.description === undefined ? {} : { description: seed.description }),
      ...(seed.host === undefined ? {} : { host: seed.host }),
    };
    const existing = await tx.clients.findById(seed.client_id);
    if (existing === null) {
      await tx.clients.create({ id: seed.client_id, ...fields, created: now, updated: now });
      report.clientsCreated += 1;
      return;
    }
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).some(
      (key) => existing[key] !== fields[key],
    );
    if (changed) {
      const updated: OAuthClient = { ...existing, ...fields, updated: now };
      await tx.clients.update(updated);
      report.clientsUpdated += 1;
    }
  }

  private async seedUser(
    tx: Repositories,
    seed: SeedUser,
    newHash: string | undefined,
    report: Mutable<SeedReport>,
  ): Promise<void> {
    const now = isoSeconds(this.clock.now());
    const existing = await tx.users.findByNickname(seed.nickname);
    if (existing === null) {
      const user: UserRecord = {
        nickname: seed.nickname,
        passwordHash: newHash as string,
        profileId: this.site.personId(seed.nickname),
        ...(seed.email === undefined ? {} : { email: seed.email }),
        published: now,
        updated: now,
      };
      await tx.users.create(user);
      await tx.objects.save(localPerson(this.site, seed.nickname));
      report.usersCreated += 1;
    } else if (newHash !== undefined || (seed.email !== undefined && seed.email !== existing.email)) {
      await tx.users.update({
        ...existing,
        passwordHash: newHash ?? existing.passwordHash,
        ...(seed.email === undefined ? {} : { email: seed.email }),
        updated: now,
      });
      report.usersUpdated += 1;
    }
    for (const token of seed.tokens ?? []) await this.seedToken(tx, seed.nickname, token, report);
  }

  private async seedToken(
    tx: Repositories,
    nickname: string,
    seed: SeedToken,
    report: Mutable<SeedReport>,
  ): Promise<void> {
    if (seed.scope !== undefined || seed.token_secret === undefined) {
      await this.seedBearerToken(tx, nickname, seed, report);
      return;
    }
    const existing = await tx.tokens.findAccessToken(seed.token);
    if (existing !== null) {
      if (existing.nickname !== nickname || existing.clientId !== seed.client_id)
        this.warnTaken(nickname, seed);
      return;
    }
    const created = await tx.tokens.findOrCreateAccessToken({
      token: seed.token,
      secret: seed.token_secret,
      clientId: seed.client_id,
      nickname,
      created: this.clock.now().toISOString(),
    });
    if (created.token === seed.token) report.tokensCreated += 1;
    else
      this.logger.warn(
        { nickname, clientId: seed.client_id },
        'the user already has a token for this client; the configured one was not added',
      );
  }

  private async seedBearerToken(
    tx: Repositories,
    nickname: string,
    seed: SeedToken,
    report: Mutable<SeedReport>,
  ): Promise<void> {
    const digest = this.digest.sha256(seed.token);
    const existing = await tx.oauth2.findBearerToken(digest);
    if (existing !== null) {
      if (existing.nickname !== nickname || existing.clientId !== seed.client_id)
        this.warnTaken(nickname, seed);
      return;
    }
    await tx.oauth2.saveBearerToken({
      digest,
      clientId: seed.client_id,
      nickname,
      scope: seed.scope ?? null,
      created: this.clock.now().toISOString(),
      expiresAt: null,
    });
    report.tokensCreated += 1;
  }

  private warnTaken(nickname: string, seed: SeedToken): void {
    this.logger.warn(
      { nickname, clientId: seed.client_id },
      'a configured token is already held by another user or client; left as is',
    );
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
