import type {
  RemoteClientCredentials,
  RemoteClientRepository,
} from '../../../application/ports/storage/remote-client-repository.port';
import type { MemoryGate } from './memory-gate';
import { MemoryTable } from './memory-table';

/** The credentials a memory store holds at other servers, keyed by (host, identity). */
export class MemoryRemoteClientTables {
  readonly byHostAndIdentity = new MemoryTable<RemoteClientCredentials>();
}

const keyOf = (host: string, identity: string): string => JSON.stringify([host, identity]);

/** {@link RemoteClientRepository} over process memory; records are frozen copies. */
export class MemoryRemoteClientRepository implements RemoteClientRepository {
  constructor(
    private readonly tables: MemoryRemoteClientTables,
    private readonly gate: MemoryGate,
  ) {}

  find(host: string, identity: string): Promise<RemoteClientCredentials | null> {
    return this.gate.run(() => this.tables.byHostAndIdentity.get(keyOf(host, identity)) ?? null);
  }

  save(credentials: RemoteClientCredentials): Promise<void> {
    const copy = Object.freeze({ ...credentials });
    return this.gate.run((undo) => {
      this.tables.byHostAndIdentity.set(keyOf(copy.host, copy.identity), copy, undo);
    });
  }

  remove(host: string, identity: string, clientId: string): Promise<boolean> {
    const key = keyOf(host, identity);
    return this.gate.run((undo) => {
      if (this.tables.byHostAndIdentity.get(key)?.clientId !== clientId) return false;
      return this.tables.byHostAndIdentity.delete(key, undo);
    });
  }
}
