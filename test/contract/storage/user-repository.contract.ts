import { expectDomainError } from './expect-domain-error';
import { aUser } from './storage-fixtures';
import { type OpenTestStore, useTestStore } from './test-store';

/** The contract of UserRepository (user-repository.port.ts), for any adapter. */
export function describeUserRepositoryContract(open: OpenTestStore): void {
  describe('UserRepository', () => {
    const store = useTestStore(open);
    const users = () => store().storage.users;

    it('reads back a created user by nickname, extra properties included', async () => {
      const alice = aUser('alice', {
        email: 'alice@example.test',
        extra: { theme: { dark: true }, langs: ['fr'] },
      });
      await users().create(alice);
      expect(await users().findByNickname('alice')).toStrictEqual(alice);
    });

    it('finds the users of a confirmed address without regard to case, and nobody for another', async () => {
      await users().create(aUser('alice', { email: 'Alice@Example.test' }));
      await users().create(
        aUser('alice2', { profileId: 'acct:alice2@example.test', email: 'alice@example.test' }),
      );
      await users().create(aUser('bob', { profileId: 'acct:bob@example.test' }));
      const found = await users().findByEmail('ALICE@example.TEST');
      expect(found.map((user) => user.nickname).sort()).toStrictEqual(['alice', 'alice2']);
      expect(await users().findByEmail('bob@example.test')).toStrictEqual([]);
    });

    it('finds the user of a pending confirmation or recovery digest, and nobody for another', async () => {
      const expires = '2030-01-01T00:00:00.000Z';
      await users().create(
        aUser('alice', { pendingEmail: { address: 'a@example.test', digest: 'confirm-digest', expires } }),
      );
      await users().create(
        aUser('bob', { profileId: 'acct:bob@example.test', recovery: { digest: 'recover-digest', expires } }),
      );
      expect((await users().findByLinkDigest('confirm-digest'))?.nickname).toBe('alice');
      expect((await users().findByLinkDigest('recover-digest'))?.nickname).toBe('bob');
      expect(await users().findByLinkDigest('other-digest')).toBeNull();
    });

    it('answers null for an unknown nickname', async () => {
      await users().create(aUser('alice'));
      expect(await users().findByNickname('bob')).toBeNull();
    });

    it('looks nicknames up exactly as stored', async () => {
      await users().create(aUser('Alice', { profileId: 'acct:Alice@example.test' }));
      expect((await users().findByNickname('Alice'))?.profileId).toBe('acct:Alice@example.test');
      expect(await users().findByNickname('alice')).toBeNull();
      expect(await users().delete('ALICE')).toBe(false);
    });

    it('refuses a nickname that differs from a stored one only in case, keeping the first', async () => {
      await users().create(aUser('alice'));
      for (const variant of ['Alice', 'ALICE', 'aLiCe']) {
        await expectDomainError(
          users().create(aUser(variant, { profileId: `acct:${variant}@example.test` })),
          'conflict',
          'user.exists',
        );
      }
      expect(await users().count()).toBe(1);
      expect(await users().findByNickname('Alice')).toBeNull();
      await users().create(aUser('alice2'));
      expect(await users().count()).toBe(2);
    });

    it('frees the nickname in every case once the user is deleted', async () => {
      await users().create(aUser('alice'));
      expect(await users().delete('alice')).toBe(true);
      await users().create(aUser('Alice', { profileId: 'acct:Alice@example.test' }));
      expect((await users().findByNickname('Alice'))?.profileId).toBe('acct:Alice@example.test');
    });

    it('lets exactly one of two concurrent creates of case variants win', async () => {
      const outcomes = await Promise.allSettled([
        users().create(aUser('bob', { profileId: 'acct:first@example.test' })),
        users().create(aUser('BOB', { profileId: 'acct:second@example.test' })),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(await users().count()).toBe(1);
    });

    it('refuses a second user with the same nickname with conflict user.exists, keeping the first', async () => {
      await users().create(aUser('alice'));
      await expectDomainError(
        users().create(aUser('alice', { profileId: 'acct:other@example.test' })),
        'conflict',
        'user.exists',
      );
      expect((await users().findByNickname('alice'))?.profileId).toBe('acct:alice@example.test');
      expect(await users().count()).toBe(1);
    });

    it('lets exactly one of two concurrent creates of a nickname win', async () => {
      const outcomes = await Promise.allSettled([
        users().create(aUser('alice', { profileId: 'acct:first@example.test' })),
        users().create(aUser('alice', { profileId: 'acct:second@example.test' })),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
      await expectDomainError(Promise.reject(rejected?.reason), 'conflict', 'user.exists');
      expect(await users().count()).toBe(1);
    });

    it('finds a user by profile id', async () => {
      await users().create(aUser('alice'));
      await users().create(aUser('bob'));
      expect((await users().findByProfileId('acct:bob@example.test'))?.nickname).toBe('bob');
      expect(await users().findByProfileId('acct:carol@example.test')).toBeNull();
    });

    it('replaces the whole record on update, and finds it by its new profile id only', async () => {
      await users().create(aUser('alice', { email: 'alice@example.test', extra: { theme: 'dark' } }));
      const updated = aUser('alice', {
        profileId: 'acct:alice@new.example',
        passwordHash: '$2b$10$anotherhashanotherhashanotherhashanotherhashanotherha',
        updated: '2026-02-01T00:00:00.000Z',
      });
      await users().update(updated);
      expect(await users().findByNickname('alice')).toStrictEqual(updated);
      expect(await users().findByProfileId('acct:alice@new.example')).toStrictEqual(updated);
      expect(await users().findByProfileId('acct:alice@example.test')).toBeNull();
    });

    it('refuses to update a missing user with not-found user.not-found, creating nothing', async () => {
      await expectDomainError(users().update(aUser('ghost')), 'not-found', 'user.not-found');
      expect(await users().findByNickname('ghost')).toBeNull();
      expect(await users().count()).toBe(0);
    });

    it('deletes a user, answering whether one was removed, and forgets its profile id', async () => {
      await users().create(aUser('alice'));
      expect(await users().delete('alice')).toBe(true);
      expect(await users().delete('alice')).toBe(false);
      expect(await users().findByNickname('alice')).toBeNull();
      expect(await users().findByProfileId('acct:alice@example.test')).toBeNull();
      expect(await users().count()).toBe(0);
    });

    it('lets a deleted nickname be created again', async () => {
      await users().create(aUser('alice'));
      await users().delete('alice');
      await users().create(aUser('alice', { email: 'again@example.test' }));
      expect((await users().findByNickname('alice'))?.email).toBe('again@example.test');
    });

    it('counts users', async () => {
      expect(await users().count()).toBe(0);
      for (const nickname of ['a', 'b', 'c']) await users().create(aUser(nickname));
      await users().delete('b');
      expect(await users().count()).toBe(2);
    });

    it('keeps its own copy: changing a record after create or after reading does not change the store', async () => {
      const alice = aUser('alice', { extra: { tags: ['one'] } });
      await users().create(alice);
      alice.email = 'changed@example.test';
      (alice.extra?.tags as string[]).push('two');
      const read = await users().findByNickname('alice');
      (read?.extra?.tags as string[]).push('three');
      expect(await users().findByNickname('alice')).toStrictEqual(
        aUser('alice', { extra: { tags: ['one'] } }),
      );
    });
  });
}
