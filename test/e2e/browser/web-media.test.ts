import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';
import sharp from 'sharp';

import {
  assertBuilt,
  cleanEnv,
  exitWithin,
  freePort,
  type PumphouseProcess,
  spawnPumphouse,
  waitUntilHealthy,
} from '../pumphouse-process';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPED: the media browser test needs Chromium at ${CHROMIUM}`);

/**
 * The composer's file in a real browser (issue #13): a person picks an image, posts it with a caption, and the
 * stream shows its thumbnail, loaded under the page's strict Content-Security-Policy, linking to the full image.
 */
(hasChromium ? describe : describe.skip)('posting an image from the composer in Chromium', () => {
  let work: string;
  let server: PumphouseProcess;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    assertBuilt();
    work = mkdtempSync(join(tmpdir(), 'pumphouse-e2e-media-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = join(work, 'pump.io.json');
    const settings = {
      port,
      address: '127.0.0.1',
      hostname: '127.0.0.1',
      dataDir: join(work, 'data'),
      bcryptCost: 4,
      enableUploads: true,
    };
    writeFileSync(config, JSON.stringify(settings));
    server = spawnPumphouse(['start', '-c', config], { cwd: work, env: cleanEnv() });
    await waitUntilHealthy(port, server);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server !== undefined && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      await exitWithin(server, 15_000);
    }
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  }, 30_000);

  async function register(page: Page, nickname: string): Promise<void> {
    await page.goto('/main/register');
    await page.getByLabel('Nickname').fill(nickname);
    await page.getByLabel('Password', { exact: true }).fill(`${nickname}-password-1`);
    await page.getByLabel('Password again').fill(`${nickname}-password-1`);
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.waitForURL('/');
  }

  it('shows the posted image in the stream, its thumbnail linking to the full image', async () => {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) refused.push(message.text());
    });
    await register(page, 'alice');

    const image = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#2a6' } })
      .png()
      .toBuffer();
    await page.getByLabel('Your note').fill('A green field');
    await page.getByLabel('An image, a sound, a video or a file').setInputFiles({
      name: 'field.png',
      mimeType: 'image/png',
      buffer: image,
    });
    await page.getByRole('button', { name: 'Post the note' }).click();

    const post = page.locator('.major article', { hasText: 'A green field' });
    const thumbnail = post.locator('a.media-image img');
    await thumbnail.waitFor();
    // Loaded, not just present: the browser decoded it (naturalWidth is the thumbnail's, largest side 320).
    await page.waitForFunction(
      (img) => img !== null && (img as { complete: boolean }).complete,
      await thumbnail.elementHandle(),
      { timeout: 30_000 },
    );
    const naturalWidth = await thumbnail.evaluate(
      (img) => (img as unknown as { naturalWidth: number }).naturalWidth,
    );
    expect(naturalWidth).toBe(320);
    const href = await post.locator('a.media-image').getAttribute('href');
    expect(href).toMatch(/^\/uploads\/alice\/.+\.png$/);
    const full = await page.request.get(href ?? '/');
    expect(full.status()).toBe(200);
    expect(full.headers()['content-type']).toBe('image/png');
    expect(refused).toEqual([]);
    await context.close();
  }, 120_000);
});
