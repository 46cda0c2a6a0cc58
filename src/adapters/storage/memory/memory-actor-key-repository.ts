import type {
  ActorKeyPair,
  ActorKeyRepository,
} from '../../../application/ports/storage/actor-key-repository.port';
import type { MemoryGate } from './memory-gate';
import { MemoryTable } from './memory-table';

/** The actors' key pairs a memory store holds, by nickname. */
export class MemoryActorKeyTables {
  readonly byNickname = new MemoryTable<ActorKeyPair>();
}

/** {@link ActorKeyRepository} over process memory; records are frozen copies. */
export class MemoryActorKeyRepository implements ActorKeyRepository {
  constructor(
    private readonly tables: MemoryActorKeyTables,
    private readonly gate: MemoryGate,
  ) {}

  find(nickname: string): Promise<ActorKeyPair | null> {
    return this.gate.run(() => this.tables.byNickname.get(nickname) ?? null);
  }

  addIfAbsent(pair: ActorKeyPair): Promise<ActorKeyPair> {
    const copy = Object.freeze({ ...pair });
    return this.gate.run((undo) => {
      const stored = this.tables.byNickname.get(copy.nickname);
      if (stored !== undefined) return stored;
      this.tables.byNickname.set(copy.nickname, copy, undo);
      return copy;
    });
  }

  remove(nickname: string): Promise<boolean> {
    return this.gate.run((undo) => this.tables.byNickname.delete(nickname, undo));
  }
}
