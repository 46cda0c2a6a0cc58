import sharp from 'sharp';

import { hasChromium, registerInBrowser, startBrowserWorld, type BrowserWorld } from './browser-world';

if (!hasChromium) console.warn(`SKIPPED: the media browser test needs Chromium at /usr/bin/chromium`);

/**
 * The composer's file in a real browser (issue #13): a person picks an image, posts it with a caption, and the
 * stream shows its thumbnail, loaded under the page's strict Content-Security-Policy, linking to the full image.
 */
(hasChromium ? describe : describe.skip)('posting an image from the composer in Chromium', () => {
  let world: BrowserWorld;
  let browser: BrowserWorld['browser'];
  let base: string;

  beforeAll(async () => {
    world = await startBrowserWorld('media', { enableUploads: true });
    ({ browser, base } = world);
  }, 60_000);

  afterAll(() => world?.close(), 30_000);

  it('shows the posted image in the stream, its thumbnail linking to the full image', async () => {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) refused.push(message.text());
    });
    await registerInBrowser(page, 'alice');

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
