import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  assertBuilt,
  cleanEnv,
  exitWithin,
  freePort,
  httpGet,
  httpPost,
  spawnPumphouse,
  waitUntilHealthy,
  type PumphouseProcess,
} from './pumphouse-process';

jest.setTimeout(30_000);

let work: string;
let running: PumphouseProcess | undefined;

beforeAll(() => {
  assertBuilt();
});
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'pumphouse-e2e-'));
});
afterEach(async () => {
  // A test that failed half-way must not leave a server behind.
  if (running !== undefined && running.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  running = undefined;
  rmSync(work, { recursive: true, force: true });
});

function writeConfig(settings: Record<string, unknown>): string {
  const path = join(work, 'pump.io.json');
  writeFileSync(path, JSON.stringify(settings));
  return path;
}

describe('pumphouse start', () => {
  it('serves host-meta, keeps its data in dataDir, and stops with exit code 0 on SIGTERM', async () => {
    const port = await freePort();
    const dataDir = join(work, 'data');
    // firehose is accepted from a pump.io.json but does nothing yet: the admin is told, once for all workers.
    const config = writeConfig({
      port,
      address: '127.0.0.1',
      dataDir,
      bcryptCost: 4,
      firehose: 'ofirehose.com',
    });
    running = spawnPumphouse(['start', '-c', config], { cwd: work, env: cleanEnv() });
    await waitUntilHealthy(port, running);
    expect(running.stderr().match(/warning: firehose is accepted but has no effect yet/g)).toHaveLength(1);

    const xrd = await httpGet(port, '/.well-known/host-meta');
    expect(xrd.status).toBe(200);
    expect(xrd.headers['content-type']).toBe('application/xrd+xml');
    expect(xrd.body).toContain(
      `<Link rel="registration_endpoint" href="http://localhost:${port}/api/client/register" />`,
    );

    const json = await httpGet(port, '/.well-known/host-meta', { Accept: 'application/json' });
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const links = (JSON.parse(json.body) as { links: { rel: string }[] }).links;
    expect(links.map((link) => link.rel)).toEqual([
      'lrdd',
      'lrdd',
      'registration_endpoint',
      'http://apinamespace.org/oauth/request_token',
      'http://apinamespace.org/oauth/authorize',
      'http://apinamespace.org/oauth/access_token',
      'dialback',
      'http://apinamespace.org/activitypub/whoami',
    ]);

    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['pumphouse.sqlite', 'secret']));
    expect(statSync(join(dataDir, 'secret')).mode & 0o777).toBe(0o600);
    expect(running.stderr()).toContain(`listening on http://127.0.0.1:${port}`);

    running.child.kill('SIGTERM');
    expect(await exitWithin(running, 15_000)).toBe(0);
    await expect(httpGet(port, '/api/health')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  // With a log file inside the data folder, the logger is the first to open something in it.
  it.each([
    ['logging to stderr', false],
    ['logging into the data folder', true],
  ])(
    'starts with a secret set and a data folder that does not exist yet, owner-only (%s)',
    async (_, log) => {
      const port = await freePort();
      const dataDir = join(work, 'fresh', 'data');
      const config = writeConfig({
        port,
        address: '127.0.0.1',
        dataDir,
        secret: 'a-configured-secret-of-enough-length-1234',
        bcryptCost: 4,
        ...(log ? { logfile: join(dataDir, 'pumphouse.log') } : {}),
      });
      running = spawnPumphouse(['start', '-c', config], { cwd: work, env: cleanEnv() });
      await waitUntilHealthy(port, running);
      // A write, so that SQLite's -wal and -shm files exist.
      const registered = await httpPost(port, '/api/client/register', { type: 'client_associate' });
      expect(registered.status).toBe(200);

      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const files = readdirSync(dataDir).filter((name) => name.startsWith('pumphouse.sqlite'));
      expect(files.sort()).toEqual(['pumphouse.sqlite', 'pumphouse.sqlite-shm', 'pumphouse.sqlite-wal']);
      for (const name of [...files, 'pumphouse.sock', ...(log ? ['pumphouse.log'] : [])]) {
        expect(`${name}: ${(statSync(join(dataDir, name)).mode & 0o777).toString(8)}`).toBe(`${name}: 600`);
      }
      running.child.kill('SIGTERM');
      expect(await exitWithin(running, 15_000)).toBe(0);
    },
  );

  it('refuses an unknown key in the config file: exit 1, the key on stderr, nothing listening', async () => {
    const port = await freePort();
    const config = writeConfig({ port, dataDir: join(work, 'data'), colour: 'blue', driver: 'mongodb' });
    running = spawnPumphouse(['start', '-c', config], { cwd: work, env: cleanEnv() });
    expect(await exitWithin(running, 15_000)).toBe(1);
    // Every problem in one report, printed once (by the master, before any worker exists).
    expect(running.stderr()).toContain(`colour: is not a known setting (config file ${config})`);
    expect(running.stderr().match(/driver: "mongodb" is not supported; use "sqlite"/g)).toHaveLength(1);
    expect(running.stderr()).not.toContain('listening');
    await expect(httpGet(port, '/api/health')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses a badly typed environment variable: exit 1, the key and the variable on stderr', async () => {
    const port = await freePort();
    const config = writeConfig({ port, dataDir: join(work, 'data') });
    running = spawnPumphouse(['start', '-c', config], {
      cwd: work,
      env: cleanEnv({ PUMPIO_REDIRECT_TO_CANONICAL: 'maybe' }),
    });
    expect(await exitWithin(running, 15_000)).toBe(1);
    expect(running.stderr()).toContain(
      'redirectToCanonical: must be true, false, 1, 0, yes or no, got "maybe"',
    );
    expect(running.stderr()).toContain('environment variable PUMPIO_REDIRECT_TO_CANONICAL');
    await expect(httpGet(port, '/api/health')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('prints its version', async () => {
    running = spawnPumphouse(['--version'], { cwd: work, env: cleanEnv() });
    expect(await exitWithin(running, 15_000)).toBe(0);
    expect(running.stdout()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
