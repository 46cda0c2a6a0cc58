import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BcryptPasswordHasher } from '../../../src/adapters/system/bcrypt-password-hasher';
import { openSqliteStorage } from '../../../src/adapters/storage/sqlite/sqlite-storage';
import { SystemClock } from '../../../src/adapters/system/system-clock';
import type { Storage } from '../../../src/application/ports/storage/unit-of-work.port';
import { main } from '../../../src/infrastructure/cli/main';
import type { ClusterLifecycle } from '../../../src/infrastructure/process/process-lifecycle';

jest.setTimeout(60_000);

let folder: string;
let configFile: string;
const databaseFile = () => join(folder, 'data', 'pumphouse.sqlite');

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'pumphouse-ctl-users-'));
  configFile = join(folder, 'pumphouse.json');
  writeFileSync(
    configFile,
    JSON.stringify({ dataDir: join(folder, 'data'), secret: 'a test secret', bcryptCost: 4 }),
  );
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Runs `pumphouse <args> -c <config>` in-process; answers its exit code and what it wrote. */
async function pumphouse(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = -1;
  const lifecycle = { exit: (value: number) => void (code = value) } as unknown as ClusterLifecycle;
  await main([...args, '-c', configFile], {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: {},
    cwd: folder,
    lifecycle,
  });
  return { code: code === -1 ? 0 : code, out, err };
}

/** The store as a server leaves it: created and migrated, no users. */
async function emptyStore(): Promise<void> {
  mkdirSync(join(folder, 'data'), { recursive: true });
  await openSqliteStorage({ file: databaseFile(), clock: new SystemClock() }).close();
}

/** Opens the store the commands wrote, runs `look` on it, closes it. */
async function inStore<T>(look: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = openSqliteStorage({ file: databaseFile(), clock: new SystemClock() });
  try {
    return await look(storage);
  } finally {
    await storage.close();
  }
}

const passwordIn = (text: string): string => /password: (\S+) \(shown only now\)/.exec(text)?.[1] ?? '';
const hasher = new BcryptPasswordHasher(4);

describe('pumphouse ctl users', () => {
  it('creates accounts (a generated password printed once, or the one given) and lists them, as text and --json', async () => {
    await emptyStore();
    const alice = await pumphouse('ctl', 'users', 'create', 'alice', '--email', 'alice@example.com');
    expect(alice.code).toBe(0);
    expect(alice.out).toContain('created user alice');
    const generated = passwordIn(alice.out);
    expect(generated.length).toBeGreaterThanOrEqual(20);
    const bob = await pumphouse('ctl', 'users', 'create', 'bob', '--password', 'bob password 1', '--json');
    expect(bob.code).toBe(0);
    expect(JSON.parse(bob.out)).toEqual({ nickname: 'bob', email: null, password: null });

    const stored = await inStore((storage) => storage.users.findByNickname('alice'));
    expect(await hasher.verify(generated, stored?.passwordHash ?? '')).toBe(true);

    const list = await pumphouse('ctl', 'users', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^alice {2}active {2}alice@example\.com {2}registered /m);
    expect(list.out).toMatch(/^bob {2}active {2}\(no address\)/m);
    const json = JSON.parse((await pumphouse('ctl', 'users', 'list', 'ali', '--json')).out) as unknown[];
    expect(json).toEqual([
      expect.objectContaining({ nickname: 'alice', email: 'alice@example.com', disabled: null }),
    ]);
  });

  it('makes accounts even where registration is closed, and refuses a taken nickname or a weak password', async () => {
    writeFileSync(
      configFile,
      JSON.stringify({
        dataDir: join(folder, 'data'),
        secret: 'a test secret',
        bcryptCost: 4,
        disableRegistration: true,
      }),
    );
    await emptyStore();
    expect((await pumphouse('ctl', 'users', 'create', 'alice')).code).toBe(0);
    const taken = await pumphouse('ctl', 'users', 'create', 'alice');
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('refused: A user named alice already exists.');
    expect((await pumphouse('ctl', 'users', 'create', 'carol', '--password', 'short')).code).toBe(1);
  });

  it('disables and enables an account, keeping its data', async () => {
    await emptyStore();
    await pumphouse('ctl', 'users', 'create', 'alice');
    const disabled = await pumphouse('ctl', 'users', 'disable', 'alice');
    expect(disabled).toMatchObject({ code: 0, out: 'disabled user alice\n' });
    expect((await pumphouse('ctl', 'users', 'list')).out).toMatch(/^alice {2}disabled since /m);
    expect(await inStore((storage) => storage.users.findByNickname('alice'))).toMatchObject({
      disabled: expect.any(String),
    });
    const enabled = await pumphouse('ctl', 'users', 'enable', 'alice', '--json');
    expect(JSON.parse(enabled.out)).toMatchObject({ nickname: 'alice', disabled: null });
    expect((await inStore((storage) => storage.users.findByNickname('alice')))?.disabled).toBeUndefined();
  });

  it('resets a password (given or generated) and revokes the tokens of the account', async () => {
    await emptyStore();
    await pumphouse('ctl', 'users', 'create', 'alice', '--password', 'alice password 1');
    await inStore((storage) =>
      storage.tokens.findOrCreateAccessToken({
        token: 'tok',
        secret: 'sec',
        clientId: 'client',
        nickname: 'alice',
        created: new Date().toISOString(),
      }),
    );
    const given = await pumphouse(
      'ctl',
      'users',
      'reset-password',
      'alice',
      '--password',
      'a new password 2',
    );
    expect(given.code).toBe(0);
    expect(passwordIn(given.out)).toBe('');
    const after = await inStore(async (storage) => ({
      user: await storage.users.findByNickname('alice'),
      token: await storage.tokens.findAccessToken('tok'),
    }));
    expect(await hasher.verify('a new password 2', after.user?.passwordHash ?? '')).toBe(true);
    expect(after.token).toBeNull();
    expect(after.user?.sessionsValidFrom).toEqual(expect.any(String));

    const generated = passwordIn((await pumphouse('ctl', 'users', 'reset-password', 'alice')).out);
    const user = await inStore((storage) => storage.users.findByNickname('alice'));
    expect(await hasher.verify(generated, user?.passwordHash ?? '')).toBe(true);
  });

  it('deletes an account through DeleteUser', async () => {
    await emptyStore();
    await pumphouse('ctl', 'users', 'create', 'alice');
    expect(await pumphouse('ctl', 'users', 'delete', 'alice')).toMatchObject({
      code: 0,
      out: 'deleted user alice\n',
    });
    // The record stays as a retired marker (README, "Account lifecycle"): deleted, with no password left.
    expect(await inStore((storage) => storage.users.findByNickname('alice'))).toMatchObject({
      deleted: expect.any(String),
      passwordHash: '',
    });
  });

  it('answers 1 for an unknown user or no store, and 2 for bad usage', async () => {
    const noStore = await pumphouse('ctl', 'users', 'list');
    expect(noStore.code).toBe(1);
    expect(noStore.err).toMatch(/no database at .*pumphouse\.sqlite/);
    await emptyStore();
    for (const action of ['disable', 'enable', 'reset-password', 'delete']) {
      const unknown = await pumphouse('ctl', 'users', action, 'nobody');
      expect(unknown.code).toBe(1);
      expect(unknown.err).toContain('refused:');
    }
    expect((await pumphouse('ctl', 'users')).code).toBe(2);
    expect((await pumphouse('ctl', 'users', 'disable')).code).toBe(2);
    expect((await pumphouse('ctl', 'users', 'frobnicate', 'alice')).code).toBe(2);
    expect((await pumphouse('ctl', 'users', 'list', '--bogus')).code).toBe(2);
    expect((await pumphouse('ctl', 'users', 'disable', 'alice', '--password', 'x')).code).toBe(2);
  });
});

describe('pumphouse ctl invites', () => {
  it('creates, lists and revokes invite codes', async () => {
    await emptyStore();
    const created = await pumphouse('ctl', 'invites', 'create', '--days', '2', '--json');
    expect(created.code).toBe(0);
    const invite = JSON.parse(created.out) as { code: string; expires: string; createdBy: string };
    expect(invite.createdBy).toBe('console');
    expect(Date.parse(invite.expires) - Date.now()).toBeGreaterThan(47 * 3600_000);
    const list = await pumphouse('ctl', 'invites', 'list');
    expect(list.out).toContain(`${invite.code}  usable  expires ${invite.expires}  made by console`);
    expect((await pumphouse('ctl', 'invites', 'revoke', invite.code)).code).toBe(0);
    expect((await pumphouse('ctl', 'invites', 'list')).out).toBe('no invites\n');
    expect((await pumphouse('ctl', 'invites', 'revoke', invite.code)).code).toBe(1);
    expect((await pumphouse('ctl', 'invites', 'create', '--days', '0')).code).toBe(1);
    expect((await pumphouse('ctl', 'invites', 'create', '--days', 'soon')).code).toBe(2);
  });
});
