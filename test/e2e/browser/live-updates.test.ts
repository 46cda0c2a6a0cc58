import { hasChromium, registerInBrowser, startBrowserWorld, type BrowserWorld } from './browser-world';

if (!hasChromium) console.warn(`SKIPPED: the live-updates browser test needs Chromium at /usr/bin/chromium`);

(hasChromium ? describe : describe.skip)('live updates in Chromium (issue 13)', () => {
  let world: BrowserWorld;
  let browser: BrowserWorld['browser'];
  let base: string;

  beforeAll(async () => {
    world = await startBrowserWorld('live', { livePollInterval: 200 });
    ({ browser, base } = world);
  }, 60_000);

  afterAll(() => world?.close(), 30_000);

  it("a post by someone bob follows appears on bob's open home page without a reload, and the follow counts for alice", async () => {
    const problems: string[] = [];
    const alice = await (await browser.newContext({ baseURL: base })).newPage();
    const bob = await (await browser.newContext({ baseURL: base })).newPage();
    for (const page of [alice, bob]) {
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
    }
    await registerInBrowser(alice, 'alice');
    await registerInBrowser(bob, 'bob');
    await bob.goto('/alice');
    await bob.getByRole('button', { name: 'Follow alice' }).click();
    await bob.getByRole('button', { name: 'Stop following alice' }).waitFor();

    await bob.goto('/');
    // A marker the page keeps only as long as it is not reloaded.
    await bob.evaluate('document.body.dataset.notReloaded = "yes"');
    // Alice's own open page counts bob's follow among her notifications.
    await alice.goto('/');
    await alice.locator('#unread-count:not([hidden])').waitFor({ timeout: 20_000 });

    const text = 'Live from alice, no reload needed';
    await alice.getByLabel('Your note').fill(text);
    await alice.getByRole('button', { name: 'Post the note' }).click();
    await alice.waitForURL('/');

    await bob.locator('.major article.live-new', { hasText: text }).waitFor({ timeout: 20_000 });
    expect(await bob.evaluate('document.body.dataset.notReloaded')).toBe('yes');
    expect(problems).toEqual([]);
  }, 90_000);
});
