import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PUBLIC_DIR } from '../../../../src/infrastructure/container/features';
import { type FullApp, startFullApp } from './full-app';

jest.setTimeout(60_000);

/**
 * An existing pump.io.json works unchanged (issue 18 item 3): the values pump.io's own test configurations write
 * start the server and act as they did there. `/favicon.ico` is served built in or from the `favicon` key.
 */
describe('a pump.io.json with noweb: 1 and hsts: {force: true}', () => {
  let full: FullApp;
  beforeAll(() => {
    full = startFullApp({ settings: { noweb: 1, hsts: { force: true } } });
  });
  afterAll(() => full.close());

  it('serves a minimal home page at / naming the API, without login or register links', async () => {
    const home = await full.send('GET', '/').set('Accept', 'text/html');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    expect(home.text).toContain('<title>API - Pumphouse</title>');
    expect(home.text).toContain('<h1>pump.io API</h1>');
    expect(home.text).not.toMatch(/id="(login|register)"/);
  });

  it('sends Strict-Transport-Security on plain HTTP, as force asks', async () => {
    const home = await full.send('HEAD', '/');
    expect(home.headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains');
  });

  it('serves no web UI script', async () => {
    expect((await full.send('GET', '/public/js/pumphouse.js')).status).toBe(404);
  });

  it('serves the built-in favicon', async () => {
    const icon = await full.send('GET', '/favicon.ico').responseType('blob');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toBe('image/x-icon');
    expect(Buffer.compare(icon.body as Buffer, readFileSync(join(PUBLIC_DIR, 'images', 'favicon.ico')))).toBe(
      0,
    );
  });
});

describe('the favicon key', () => {
  let full: FullApp;
  let folder: string;
  const icon = Buffer.from([0, 0, 1, 0, 1, 0, 1, 2, 3, 4, 5]);
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'pumphouse-favicon-'));
    writeFileSync(join(folder, 'mine.ico'), icon);
    full = startFullApp({ settings: { favicon: join(folder, 'mine.ico'), site: 'Test' } });
  });
  afterAll(async () => {
    await full.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves the configured file at /favicon.ico, next to the web UI', async () => {
    const served = await full.send('GET', '/favicon.ico').responseType('blob');
    expect(served.status).toBe(200);
    expect(Buffer.compare(served.body as Buffer, icon)).toBe(0);
    expect((await full.send('GET', '/main/login').set('Accept', 'text/html')).status).toBe(200);
  });
});
