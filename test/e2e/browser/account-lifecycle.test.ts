import { readFileSync } from 'node:fs';

import { fromBuffer, type ZipFile } from 'yauzl';

import { hasChromium, registerInBrowser, startBrowserWorld, type BrowserWorld } from './browser-world';

if (!hasChromium) {
  console.warn(`SKIPPED: the browser test needs Chromium at /usr/bin/chromium`);
}

/** The names of the entries of a zip archive. */
async function entryNames(bytes: Buffer): Promise<string[]> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    fromBuffer(bytes, { lazyEntries: false }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: { fileName: string }) => names.push(entry.fileName));
    zip.on('end', resolve);
    zip.on('error', reject);
  });
  return names;
}

(hasChromium ? describe : describe.skip)('the account page in Chromium', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld('account');
  }, 60_000);

  afterAll(() => world?.close(), 30_000);

  it('downloads the export, imports follows, and deletes the account with the password asked again', async () => {
    const context = await world.browser.newContext({ baseURL: world.base, acceptDownloads: true });
    const page = await context.newPage();
    await registerInBrowser(page, 'alice');
    await page.goto('/main/settings');
    await page.getByRole('link', { name: /delete your account/ }).click();
    await page.waitForURL('/main/account');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-account')]);
    expect(download.suggestedFilename()).toBe('alice-export.zip');
    const names = await entryNames(readFileSync((await download.path()) as string));
    expect(names).toEqual(expect.arrayContaining(['README.txt', 'profile.json', 'activities.json']));

    await page.getByLabel('People to follow', { exact: true }).fill('nobody@127.0.0.1\nnot an address');
    await page.getByRole('button', { name: 'Follow them' }).click();
    const report = page.locator('#import-report');
    await expect(report.innerText()).resolves.toMatch(/nobody@127\.0\.0\.1\s+not-found/);

    // A form post without the CSRF token is refused and deletes nothing.
    const forged = await page.request.post('/main/account/delete', {
      form: { password: 'alice-password-1' },
    });
    expect(forged.status()).toBe(403);

    await page.getByLabel('Your password').fill('not-the-password');
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await expect(page.locator('p.error').innerText()).resolves.toContain('The password is wrong');

    await page.getByLabel('Your password').fill('alice-password-1');
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.waitForURL('/?deleted=1');
    // Logged out: the account page sends the browser to the login page.
    expect((await page.request.get('/main/account', { maxRedirects: 0 })).status()).toBe(303);

    await page.goto('/main/register');
    await page.getByLabel('Nickname').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill('another-password-1');
    await page.getByLabel('Password again').fill('another-password-1');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await expect(page.locator('p.error').innerText()).resolves.toContain('belonged to a deleted account');
    await context.close();
  }, 90_000);
});
