import type Database from 'better-sqlite3';
import type {
  AuthorizationCode,
  BearerToken,
  OAuth2GrantRepository,
} from '../../../application/ports/storage/oauth2-grant-repository.port';
import { conflict } from '../../../domain/errors/domain-error';
import type { PortMethods, Synchronous } from './port-binding';
import { isUniqueViolation } from './sqlite-errors';

export const OAUTH2_GRANT_REPOSITORY_METHODS: PortMethods<OAuth2GrantRepository> = {
  saveAuthorizationCode: true,
  findAuthorizationCode: true,
  markCodeRedeemed: true,
  deleteExpiredCodes: true,
  saveBearerToken: true,
  findBearerToken: true,
  deleteBearerToken: true,
  revokeBearerTokensOf: true,
  deleteExpiredBearerTokens: true,
};

/**
 * The synchronous body of {@link OAuth2GrantRepository} over `oauth2_codes` and `bearer_tokens`, keyed by digest,
 * with expiries in epoch milliseconds for the sweeps.
 *
 * Invariants: marking a code redeemed is one conditional `UPDATE`, so of two redemptions at once (in any
 * processes) exactly one changes the row; inserts rely on the primary key for `oauth2.exists`.
 */
export class SqliteOAuth2GrantRepository implements Synchronous<OAuth2GrantRepository> {
  private readonly insertCode: Database.Statement<[string, number, string]>;
  private readonly selectCode: Database.Statement<[string], string>;
  private readonly redeemCode: Database.Statement<[{ digest: string; token: string }]>;
  private readonly deleteCodesBefore: Database.Statement<[number]>;
  private readonly insertToken: Database.Statement<[string, string | null, number | null, string]>;
  private readonly selectToken: Database.Statement<[string], string>;
  private readonly deleteToken: Database.Statement<[string]>;
  private readonly deleteTokensOf: Database.Statement<[string]>;
  private readonly deleteTokensBefore: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.insertCode = db.prepare('INSERT INTO oauth2_codes (digest, expires_at, doc) VALUES (?, ?, ?)');
    this.selectCode = db.prepare<[string], string>('SELECT doc FROM oauth2_codes WHERE digest = ?').pluck();
    this.redeemCode = db.prepare(
      `UPDATE oauth2_codes SET doc = json_set(doc, '$.redeemedFor', @token)
       WHERE digest = @digest AND json_extract(doc, '$.redeemedFor') IS NULL`,
    );
    this.deleteCodesBefore = db.prepare('DELETE FROM oauth2_codes WHERE expires_at < ?');
    this.insertToken = db.prepare(
      'INSERT INTO bearer_tokens (digest, nickname, expires_at, doc) VALUES (?, ?, ?, ?)',
    );
    this.selectToken = db.prepare<[string], string>('SELECT doc FROM bearer_tokens WHERE digest = ?').pluck();
    this.deleteToken = db.prepare('DELETE FROM bearer_tokens WHERE digest = ?');
    this.deleteTokensOf = db.prepare('DELETE FROM bearer_tokens WHERE nickname = ?');
    this.deleteTokensBefore = db.prepare(
      'DELETE FROM bearer_tokens WHERE expires_at IS NOT NULL AND expires_at < ?',
    );
  }

  saveAuthorizationCode(code: AuthorizationCode): void {
    insertOnce(() => this.insertCode.run(code.digest, Date.parse(code.expiresAt), JSON.stringify(code)));
  }

  findAuthorizationCode(digest: string): AuthorizationCode | null {
    return parse<AuthorizationCode>(this.selectCode.get(digest));
  }

  markCodeRedeemed(digest: string, tokenDigest: string): boolean {
    return this.redeemCode.run({ digest, token: tokenDigest }).changes === 1;
  }

  deleteExpiredCodes(now: Date): number {
    return this.deleteCodesBefore.run(now.getTime()).changes;
  }

  saveBearerToken(token: BearerToken): void {
    const expiresAt = token.expiresAt === null ? null : Date.parse(token.expiresAt);
    insertOnce(() => this.insertToken.run(token.digest, token.nickname, expiresAt, JSON.stringify(token)));
  }

  findBearerToken(digest: string): BearerToken | null {
    return parse<BearerToken>(this.selectToken.get(digest));
  }

  deleteBearerToken(digest: string): boolean {
    return this.deleteToken.run(digest).changes === 1;
  }

  revokeBearerTokensOf(nickname: string): number {
    return this.deleteTokensOf.run(nickname).changes;
  }

  deleteExpiredBearerTokens(now: Date): number {
    return this.deleteTokensBefore.run(now.getTime()).changes;
  }
}

function insertOnce(insert: () => unknown): void {
  try {
    insert();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('oauth2.exists', 'That code or token is already in use.');
    throw error;
  }
}

const parse = <T>(doc: string | undefined): T | null => (doc === undefined ? null : (JSON.parse(doc) as T));
