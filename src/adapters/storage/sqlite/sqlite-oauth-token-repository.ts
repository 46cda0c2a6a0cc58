import type Database from 'better-sqlite3';
import type {
  AccessToken,
  OAuthTokenRepository,
  RequestToken,
  RequestTokenBinding,
} from '../../../application/ports/storage/oauth-token-repository.port';
import { conflict } from '../../../domain/errors/domain-error';
import type { PortMethods, Synchronous } from './port-binding';
import { isUniqueViolation } from './sqlite-errors';

/** The named parameters of the binding statement; a null verifier keeps the stored one. */
interface BindParameters {
  token: string;
  nickname: string;
  verifier: string | null;
  updated: string;
}

export const OAUTH_TOKEN_REPOSITORY_METHODS: PortMethods<OAuthTokenRepository> = {
  saveRequestToken: true,
  findRequestToken: true,
  bindRequestToken: true,
  consumeRequestToken: true,
  deleteStaleRequestTokens: true,
  sweepStaleRequestTokens: true,
  findAccessToken: true,
  findOrCreateAccessToken: true,
  revokeAccessTokens: true,
};

/**
 * The synchronous body of {@link OAuthTokenRepository} over `request_tokens` and `access_tokens`.
 *
 * Invariants: binding a request token is one conditional `UPDATE ... RETURNING`, so of two users binding it at
 * once (in any processes) one wins and the other changes nothing; consuming a request token is one
 * `DELETE ... RETURNING`, so of two concurrent consumers (in any
 * processes) exactly one gets the row; (client, nickname) is unique among access tokens and find-or-create runs
 * in one BEGIN IMMEDIATE transaction, so parallel exchanges all end with the same token.
 */
export class SqliteOAuthTokenRepository implements Synchronous<OAuthTokenRepository> {
  private readonly upsertRequest: Database.Statement<[string, string, string, string]>;
  private readonly selectRequest: Database.Statement<[string], string>;
  private readonly deleteRequestReturning: Database.Statement<[string], string>;
  private readonly bindRequest: Database.Statement<[BindParameters], string>;
  private readonly deleteStaleRequests: Database.Statement<[string, string]>;
  private readonly deleteStaleRequestsOfAll: Database.Statement<[string]>;
  private readonly selectAccess: Database.Statement<[string], string>;
  private readonly selectAccessOfPair: Database.Statement<[string, string], string>;
  private readonly insertAccess: Database.Statement<[string, string, string, string]>;
  private readonly deleteAccessOfUser: Database.Statement<[string]>;
  private readonly findOrCreateTx: Database.Transaction<(candidate: AccessToken) => AccessToken>;

  constructor(db: Database.Database) {
    this.upsertRequest = db.prepare(
      `INSERT INTO request_tokens (token, client_id, updated, doc) VALUES (?, ?, ?, ?)
       ON CONFLICT (token) DO UPDATE
       SET client_id = excluded.client_id, updated = excluded.updated, doc = excluded.doc`,
    );
    this.selectRequest = db
      .prepare<[string], string>('SELECT doc FROM request_tokens WHERE token = ?')
      .pluck();
    this.deleteRequestReturning = db
      .prepare<[string], string>('DELETE FROM request_tokens WHERE token = ? RETURNING doc')
      .pluck();
    // json_set keeps the other fields; a NULL verifier parameter keeps the stored one (a login issues none).
    this.bindRequest = db
      .prepare<[BindParameters], string>(
        `UPDATE request_tokens
         SET doc = json_set(doc, '$.nickname', @nickname,
                            '$.verifier', coalesce(@verifier, json_extract(doc, '$.verifier')),
                            '$.updated', @updated),
             updated = @updated
         WHERE token = @token
           AND (json_extract(doc, '$.nickname') IS NULL OR json_extract(doc, '$.nickname') = @nickname)
         RETURNING doc`,
      )
      .pluck();
    this.deleteStaleRequests = db.prepare('DELETE FROM request_tokens WHERE client_id = ? AND updated < ?');
    // No index on `updated` alone: the sweep keeps the table to the tokens of the last few minutes anyway.
    this.deleteStaleRequestsOfAll = db.prepare('DELETE FROM request_tokens WHERE updated < ?');
    this.selectAccess = db.prepare<[string], string>('SELECT doc FROM access_tokens WHERE token = ?').pluck();
    this.selectAccessOfPair = db
      .prepare<[string, string], string>('SELECT doc FROM access_tokens WHERE client_id = ? AND nickname = ?')
      .pluck();
    this.insertAccess = db.prepare(
      'INSERT INTO access_tokens (token, client_id, nickname, doc) VALUES (?, ?, ?, ?)',
    );
    this.deleteAccessOfUser = db.prepare('DELETE FROM access_tokens WHERE nickname = ?');
    this.findOrCreateTx = db.transaction((candidate: AccessToken) => {
      const existing = this.selectAccessOfPair.get(candidate.clientId, candidate.nickname);
      if (existing !== undefined) return JSON.parse(existing) as AccessToken;
      this.insertAccess.run(
        candidate.token,
        candidate.clientId,
        candidate.nickname,
        JSON.stringify(candidate),
      );
      return candidate;
    });
  }

  saveRequestToken(token: RequestToken): void {
    this.upsertRequest.run(token.token, token.clientId, token.updated, JSON.stringify(token));
  }

  findRequestToken(token: string): RequestToken | null {
    return parse<RequestToken>(this.selectRequest.get(token));
  }

  bindRequestToken(binding: RequestTokenBinding): RequestToken | null {
    const { token, nickname, verifier, updated } = binding;
    return parse<RequestToken>(
      this.bindRequest.get({ token, nickname, verifier: verifier ?? null, updated }),
    );
  }

  consumeRequestToken(token: string): RequestToken | null {
    return parse<RequestToken>(this.deleteRequestReturning.get(token));
  }

  /** `updated` is an ISO 8601 timestamp, so comparing the strings compares the times. */
  deleteStaleRequestTokens(clientId: string, updatedBefore: string): number {
    return this.deleteStaleRequests.run(clientId, updatedBefore).changes;
  }

  sweepStaleRequestTokens(updatedBefore: string): number {
    return this.deleteStaleRequestsOfAll.run(updatedBefore).changes;
  }

  findAccessToken(token: string): AccessToken | null {
    return parse<AccessToken>(this.selectAccess.get(token));
  }

  findOrCreateAccessToken(candidate: AccessToken): AccessToken {
    try {
      return this.findOrCreateTx.immediate(candidate);
    } catch (error) {
      // The pair was checked under the write lock, so only the token string itself can collide.
      if (isUniqueViolation(error)) throw conflict('token.exists', 'That access token is already in use.');
      throw error;
    }
  }

  revokeAccessTokens(nickname: string): number {
    return this.deleteAccessOfUser.run(nickname).changes;
  }
}

const parse = <T>(doc: string | undefined): T | null => (doc === undefined ? null : (JSON.parse(doc) as T));
