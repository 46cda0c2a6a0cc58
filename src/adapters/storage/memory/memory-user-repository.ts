import type { UserRecord, UserRepository } from '../../../application/ports/storage/user-repository.port';
import { conflict, notFound } from '../../../domain/errors/domain-error';
import { emailKey } from '../../../domain/email/email-address';
import { nicknameKey } from '../../../domain/users/nickname';
import { copyJson } from './json-copy';
import type { MemoryGate } from './memory-gate';
import { MemoryTable } from './memory-table';
import type { UndoLog } from './undo-journal';

/** The users of a memory store, with the profile-id index `findByProfileId` reads and the case-blind one. */
export class MemoryUserTables {
  readonly byNickname = new MemoryTable<UserRecord>();
  readonly nicknameByProfileId = new MemoryTable<string>();
  /** `nicknameKey(nickname)` → nickname: what makes nicknames unique without regard to case. */
  readonly nicknameByKey = new MemoryTable<string>();
}

/**
 * {@link UserRepository} over process memory.
 *
 * Invariants: records are copied in and out as JSON; the profile index always names the user whose stored record
 * carries that profile id; the key index holds one nickname per `nicknameKey`, so case variants cannot coexist.
 */
export class MemoryUserRepository implements UserRepository {
  constructor(
    private readonly tables: MemoryUserTables,
    private readonly gate: MemoryGate,
  ) {}

  async create(user: UserRecord): Promise<void> {
    const stored = copyJson(user);
    return this.gate.run((undo) => {
      if (this.tables.nicknameByKey.has(nicknameKey(stored.nickname))) {
        throw conflict('user.exists', `A user named ${stored.nickname} already exists.`);
      }
      this.tables.nicknameByKey.set(nicknameKey(stored.nickname), stored.nickname, undo);
      this.store(stored, undo);
    });
  }

  findByNickname(nickname: string): Promise<UserRecord | null> {
    return this.gate.run(() => copyOrNull(this.tables.byNickname.get(nickname)));
  }

  findByProfileId(profileId: string): Promise<UserRecord | null> {
    return this.gate.run(() => {
      const nickname = this.tables.nicknameByProfileId.get(profileId);
      return copyOrNull(nickname === undefined ? undefined : this.tables.byNickname.get(nickname));
    });
  }

  findByEmail(address: string): Promise<UserRecord[]> {
    const wanted = emailKey(address);
    return this.gate.run(() =>
      [...this.tables.byNickname.entries()]
        .map(([, user]) => user)
        .filter((user) => user.email !== undefined && emailKey(user.email) === wanted)
        .map((user) => copyJson(user)),
    );
  }

  findByLinkDigest(digest: string): Promise<UserRecord | null> {
    return this.gate.run(() => {
      for (const [, user] of this.tables.byNickname.entries()) {
        if (user.pendingEmail?.digest === digest || user.recovery?.digest === digest) return copyJson(user);
      }
      return null;
    });
  }

  async update(user: UserRecord): Promise<void> {
    const stored = copyJson(user);
    return this.gate.run((undo) => {
      const previous = this.tables.byNickname.get(stored.nickname);
      if (previous === undefined) {
        throw notFound('user.not-found', `There is no user named ${stored.nickname}.`);
      }
      this.unindex(previous, undo);
      this.store(stored, undo);
    });
  }

  delete(nickname: string): Promise<boolean> {
    return this.gate.run((undo) => {
      const previous = this.tables.byNickname.get(nickname);
      if (previous === undefined) return false;
      this.unindex(previous, undo);
      if (this.tables.nicknameByKey.get(nicknameKey(nickname)) === nickname) {
        this.tables.nicknameByKey.delete(nicknameKey(nickname), undo);
      }
      return this.tables.byNickname.delete(nickname, undo);
    });
  }

  count(): Promise<number> {
    return this.gate.run(() => this.tables.byNickname.size);
  }

  private store(user: UserRecord, undo: UndoLog): void {
    this.tables.byNickname.set(user.nickname, user, undo);
    this.tables.nicknameByProfileId.set(user.profileId, user.nickname, undo);
  }

  /** Drops the index entry of a record about to be replaced or removed, unless another user took it over. */
  private unindex(user: UserRecord, undo: UndoLog): void {
    if (this.tables.nicknameByProfileId.get(user.profileId) === user.nickname) {
      this.tables.nicknameByProfileId.delete(user.profileId, undo);
    }
  }
}

function copyOrNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : copyJson(value);
}
