import type {
  OAuthClient,
  OAuthClientRepository,
} from '../../../application/ports/storage/oauth-client-repository.port';
import { conflict, notFound } from '../../../domain/errors/domain-error';
import { copyJson } from './json-copy';
import type { MemoryGate } from './memory-gate';
import { MemoryTable } from './memory-table';

/** The OAuth consumers of a memory store, by consumer key. */
export class MemoryOAuthClientTables {
  readonly byId = new MemoryTable<OAuthClient>();
}

/**
 * {@link OAuthClientRepository} over process memory.
 *
 * Invariant: records are copied in and out as JSON; `update` stores the given record whole, so properties it leaves
 * out are gone afterwards.
 */
export class MemoryOAuthClientRepository implements OAuthClientRepository {
  constructor(
    private readonly tables: MemoryOAuthClientTables,
    private readonly gate: MemoryGate,
  ) {}

  async create(client: OAuthClient): Promise<void> {
    const stored = copyJson(client);
    return this.gate.run((undo) => {
      if (this.tables.byId.has(stored.id)) {
        throw conflict('client.exists', `A client with the key ${stored.id} already exists.`);
      }
      this.tables.byId.set(stored.id, stored, undo);
    });
  }

  findById(id: string): Promise<OAuthClient | null> {
    return this.gate.run(() => {
      const found = this.tables.byId.get(id);
      return found === undefined ? null : copyJson(found);
    });
  }

  async update(client: OAuthClient): Promise<void> {
    const stored = copyJson(client);
    return this.gate.run((undo) => {
      if (!this.tables.byId.has(stored.id)) {
        throw notFound('client.not-found', `There is no client with the key ${stored.id}.`);
      }
      this.tables.byId.set(stored.id, stored, undo);
    });
  }
}
