import type {
  AuthorizationCode,
  BearerToken,
  OAuth2GrantRepository,
} from '../../../application/ports/storage/oauth2-grant-repository.port';
import { conflict } from '../../../domain/errors/domain-error';
import { copyJson } from './json-copy';
import type { MemoryGate } from './memory-gate';
import { MemoryTable } from './memory-table';
import type { UndoLog } from './undo-journal';

/** The OAuth 2 codes and bearer tokens of a memory store, by digest. */
export class MemoryOAuth2GrantTables {
  readonly codes = new MemoryTable<AuthorizationCode>();
  readonly bearerTokens = new MemoryTable<BearerToken>();
}

/**
 * {@link OAuth2GrantRepository} over process memory.
 *
 * Invariants: records are copied in and out as JSON; each operation runs alone through the gate, which is what
 * makes marking a code redeemed a compare-and-set. Sweeps scan the tables: they hold minutes of codes and the
 * live tokens only.
 */
export class MemoryOAuth2GrantRepository implements OAuth2GrantRepository {
  constructor(
    private readonly tables: MemoryOAuth2GrantTables,
    private readonly gate: MemoryGate,
  ) {}

  saveAuthorizationCode(code: AuthorizationCode): Promise<void> {
    return this.insert(this.tables.codes, copyJson(code));
  }

  findAuthorizationCode(digest: string): Promise<AuthorizationCode | null> {
    return this.gate.run(() => copyOrNull(this.tables.codes.get(digest)));
  }

  markCodeRedeemed(digest: string, tokenDigest: string): Promise<boolean> {
    return this.gate.run((undo) => {
      const code = this.tables.codes.get(digest);
      if (code === undefined || code.redeemedFor !== null) return false;
      this.tables.codes.set(digest, { ...code, redeemedFor: tokenDigest }, undo);
      return true;
    });
  }

  // Times are ISO 8601 strings of one format, so comparing their epoch values compares the times.
  deleteExpiredCodes(now: Date): Promise<number> {
    return this.deleteWhere(this.tables.codes, (code) => Date.parse(code.expiresAt) < now.getTime());
  }

  saveBearerToken(token: BearerToken): Promise<void> {
    return this.insert(this.tables.bearerTokens, copyJson(token));
  }

  findBearerToken(digest: string): Promise<BearerToken | null> {
    return this.gate.run(() => copyOrNull(this.tables.bearerTokens.get(digest)));
  }

  deleteBearerToken(digest: string): Promise<boolean> {
    return this.gate.run((undo) => this.tables.bearerTokens.delete(digest, undo));
  }

  revokeBearerTokensOf(nickname: string): Promise<number> {
    return this.deleteWhere(this.tables.bearerTokens, (token) => token.nickname === nickname);
  }

  deleteExpiredBearerTokens(now: Date): Promise<number> {
    return this.deleteWhere(
      this.tables.bearerTokens,
      (token) => token.expiresAt !== null && Date.parse(token.expiresAt) < now.getTime(),
    );
  }

  private insert<T extends { digest: string }>(table: MemoryTable<T>, record: T): Promise<void> {
    return this.gate.run((undo) => {
      if (table.has(record.digest)) throw conflict('oauth2.exists', 'That code or token is already in use.');
      table.set(record.digest, record, undo);
    });
  }

  private deleteWhere<T>(table: MemoryTable<T>, matches: (record: T) => boolean): Promise<number> {
    return this.gate.run((undo: UndoLog) => {
      const keys = [...table.entries()].filter(([, record]) => matches(record)).map(([key]) => key);
      for (const key of keys) table.delete(key, undo);
      return keys.length;
    });
  }
}

function copyOrNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : copyJson(value);
}
