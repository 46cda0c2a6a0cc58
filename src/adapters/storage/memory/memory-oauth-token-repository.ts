import type {
  AccessToken,
  OAuthTokenRepository,
  RequestToken,
  RequestTokenBinding,
} from '../../../application/ports/storage/oauth-token-repository.port';
import { copyJson } from './json-copy';
import type { MemoryGate } from './memory-gate';
import { MemoryTable } from './memory-table';

/** The OAuth tokens of a memory store, with the (client, user) index that makes access tokens unique. */
export class MemoryOAuthTokenTables {
  readonly requestTokens = new MemoryTable<RequestToken>();
  readonly accessTokens = new MemoryTable<AccessToken>();
  readonly accessTokenByGrant = new MemoryTable<string>();
}

/**
 * {@link OAuthTokenRepository} over process memory.
 *
 * Invariants: records are copied in and out as JSON; at most one access token exists per (client, user) pair, and
 * the grant index names it. Each operation runs alone, which is what makes consume and find-or-create atomic.
 */
export class MemoryOAuthTokenRepository implements OAuthTokenRepository {
  constructor(
    private readonly tables: MemoryOAuthTokenTables,
    private readonly gate: MemoryGate,
  ) {}

  async saveRequestToken(token: RequestToken): Promise<void> {
    const stored = copyJson(token);
    return this.gate.run((undo) => this.tables.requestTokens.set(stored.token, stored, undo));
  }

  findRequestToken(token: string): Promise<RequestToken | null> {
    return this.gate.run(() => copyOrNull(this.tables.requestTokens.get(token)));
  }

  bindRequestToken(binding: RequestTokenBinding): Promise<RequestToken | null> {
    return this.gate.run((undo) => {
      const found = this.tables.requestTokens.get(binding.token);
      if (found === undefined || (found.nickname !== null && found.nickname !== binding.nickname))
        return null;
      const bound: RequestToken = {
        ...found,
        nickname: binding.nickname,
        verifier: binding.verifier ?? found.verifier,
        updated: binding.updated,
      };
      this.tables.requestTokens.set(bound.token, bound, undo);
      return copyJson(bound);
    });
  }

  consumeRequestToken(token: string): Promise<RequestToken | null> {
    return this.gate.run((undo) => {
      const found = this.tables.requestTokens.get(token);
      if (found === undefined) return null;
      this.tables.requestTokens.delete(token, undo);
      return copyJson(found);
    });
  }

  // Timestamps are ISO 8601 strings of one format, so their text order is their time order.
  deleteStaleRequestTokens(clientId: string, updatedBefore: string): Promise<number> {
    return this.deleteRequestTokensWhere(
      (token) => token.clientId === clientId && token.updated < updatedBefore,
    );
  }

  sweepStaleRequestTokens(updatedBefore: string): Promise<number> {
    return this.deleteRequestTokensWhere((token) => token.updated < updatedBefore);
  }

  findAccessToken(token: string): Promise<AccessToken | null> {
    return this.gate.run(() => copyOrNull(this.tables.accessTokens.get(token)));
  }

  async findOrCreateAccessToken(candidate: AccessToken): Promise<AccessToken> {
    const stored = copyJson(candidate);
    return this.gate.run((undo) => {
      const grant = grantKey(stored.clientId, stored.nickname);
      const existing = this.tables.accessTokenByGrant.get(grant);
      const found = existing === undefined ? undefined : this.tables.accessTokens.get(existing);
      if (found !== undefined) return copyJson(found);
      this.tables.accessTokens.set(stored.token, stored, undo);
      this.tables.accessTokenByGrant.set(grant, stored.token, undo);
      return copyJson(stored);
    });
  }

  revokeAccessTokens(nickname: string): Promise<number> {
    return this.gate.run((undo) => {
      const revoked = [...this.tables.accessTokens.entries()].filter(
        ([, token]) => token.nickname === nickname,
      );
      for (const [key, token] of revoked) {
        this.tables.accessTokens.delete(key, undo);
        const grant = grantKey(token.clientId, token.nickname);
        if (this.tables.accessTokenByGrant.get(grant) === key)
          this.tables.accessTokenByGrant.delete(grant, undo);
      }
      return revoked.length;
    });
  }

  private deleteRequestTokensWhere(stale: (token: RequestToken) => boolean): Promise<number> {
    return this.gate.run((undo) => {
      const keys = [...this.tables.requestTokens.entries()]
        .filter(([, token]) => stale(token))
        .map(([key]) => key);
      for (const key of keys) this.tables.requestTokens.delete(key, undo);
      return keys.length;
    });
  }
}

function grantKey(clientId: string, nickname: string): string {
  return JSON.stringify([clientId, nickname]);
}

function copyOrNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : copyJson(value);
}
