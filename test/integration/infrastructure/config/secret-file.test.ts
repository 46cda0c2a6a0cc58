import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigError } from '../../../../src/infrastructure/config/config-error';
import { loadConfig } from '../../../../src/infrastructure/config/config.loader';
import { loadOrCreateSecret } from '../../../../src/infrastructure/config/secret-file';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pumphouse-secret-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the generated secret', () => {
  it('is created once, as 32 random bytes, in a file only the owner can read', () => {
    const dataDir = join(root, 'data');
    const secret = loadOrCreateSecret(dataDir);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(readFileSync(join(dataDir, 'secret'), 'utf8').trim()).toBe(secret);
    expect(statSync(join(dataDir, 'secret')).mode & 0o777).toBe(0o600);
    // No temporary file is left behind.
    expect(readdirSync(dataDir)).toEqual(['secret']);
  });

  it('is reused on the next start', () => {
    const dataDir = join(root, 'data');
    const first = loadOrCreateSecret(dataDir);
    expect(loadOrCreateSecret(dataDir)).toBe(first);
  });

  it('keeps what another process wrote first', () => {
    const dataDir = join(root, 'data');
    loadOrCreateSecret(dataDir);
    writeFileSync(join(dataDir, 'secret'), 'written-by-the-other-process\n');
    expect(loadOrCreateSecret(dataDir)).toBe('written-by-the-other-process');
  });

  it('is what loadConfig uses when no secret is configured', () => {
    const config = loadConfig({ env: {}, cwd: root });
    expect(config.secret).toBe(readFileSync(join(root, 'data', 'secret'), 'utf8').trim());
  });

  it('refuses an empty secret file instead of running with an empty key', () => {
    const dataDir = join(root, 'data');
    loadOrCreateSecret(dataDir);
    writeFileSync(join(dataDir, 'secret'), '\n');
    expect(() => loadOrCreateSecret(dataDir)).toThrow(/empty/);
  });

  it('reports a data folder it cannot create as a ConfigError naming dataDir', () => {
    writeFileSync(join(root, 'data'), 'a file where the folder should be');
    expect(() => loadOrCreateSecret(join(root, 'data'))).toThrow(ConfigError);
    expect(() => loadOrCreateSecret(join(root, 'data'))).toThrow(/dataDir/);
  });

  it('is the same for processes that start together', async () => {
    const dataDir = join(root, 'data');
    const module = join(__dirname, '../../../../src/infrastructure/config/secret-file.ts');
    const script = `process.stdout.write(require(${JSON.stringify(module)}).loadOrCreateSecret(${JSON.stringify(dataDir)}))`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          ['-r', 'ts-node/register/transpile-only', '-e', script],
          { timeout: 20000 },
          (error, stdout) => (error ? reject(error) : resolve(stdout)),
        );
      });
    const secrets = await Promise.all([run(), run(), run()]);
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toBe(readFileSync(join(dataDir, 'secret'), 'utf8').trim());
  }, 30000);
});
