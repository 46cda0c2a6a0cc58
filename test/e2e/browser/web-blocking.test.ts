import type { Browser, Page } from 'playwright-core';

import { hasChromium, startBrowserWorld, type BrowserWorld } from './browser-world';

if (!hasChromium) {
  // Visible in the jest output: the browser test did not run here (CI installs Chromium).
  console.warn(`SKIPPED: the browser test needs Chromium at /usr/bin/chromium`);
}

async function registered(browser: Browser, base: string, nickname: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto('/main/register');
  await page.getByLabel('Nickname').fill(nickname);
  await page.getByLabel('Password', { exact: true }).fill(`${nickname}-password-1`);
  await page.getByLabel('Password again').fill(`${nickname}-password-1`);
  await page.getByRole('button', { name: 'Create the account' }).click();
  await page.waitForURL('/');
  return page;
}

// Issue 14 item 3 in a real browser: the buttons of a person's page and the page of whom one blocks and mutes.
(hasChromium ? describe : describe.skip)('block and mute in Chromium', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld('blocking');
  }, 60_000);

  afterAll(() => world?.close(), 30_000);

  it('alice blocks and mutes bob from his page, sees both on her blocks page, and bob can no longer follow her', async () => {
    const alice = await registered(world.browser, world.base, 'alice');
    const bob = await registered(world.browser, world.base, 'bob');

    await alice.goto('/bob');
    await alice.getByRole('button', { name: 'Block bob' }).click();
    await alice.getByRole('button', { name: 'Unblock bob' }).waitFor();
    await alice.getByRole('button', { name: 'Mute bob' }).click();
    await alice.getByRole('button', { name: 'Unmute bob' }).waitFor();

    await alice.goto('/main/settings');
    await alice.getByRole('link', { name: 'People you block or mute' }).click();
    await alice.waitForURL('/main/blocks');
    expect(await alice.getByRole('button', { name: 'Unblock bob' }).count()).toBe(1);
    expect(await alice.getByRole('button', { name: 'Unmute bob' }).count()).toBe(1);

    await bob.goto('/alice');
    const refused = bob.waitForResponse((response) => response.url().endsWith('/main/follow'));
    await bob.getByRole('button', { name: 'Follow alice' }).click();
    expect((await refused).status()).toBe(403);

    await alice.getByRole('button', { name: 'Unblock bob' }).click();
    await alice.getByText('You block nobody.').waitFor();
    await bob.goto('/alice');
    await bob.getByRole('button', { name: 'Follow alice' }).click();
    await bob.getByRole('button', { name: 'Stop following alice' }).waitFor();
  }, 120_000);
});
