import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { type Browser, type BrowserContext, type Page } from 'playwright-core';

import { hasChromium, startBrowserWorld, type BrowserWorld } from './browser-world';

const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts');
const SITE = 'Browser Pump';
if (!hasChromium) {
  // Visible in the jest output: the browser test did not run here (CI installs Chromium).
  console.warn(`SKIPPED: the browser test needs Chromium at /usr/bin/chromium`);
}

/** What went wrong on the pages of one browser: console errors and Content-Security-Policy violations. */
interface Problems {
  readonly console: string[];
  readonly csp: string[];
}

/**
 * A browser user with their own cookies. Every page reports CSP violations through a binding (exposed bindings
 * and init scripts are not subject to the page's CSP) and console messages are collected.
 */
async function browserUser(
  browser: Browser,
  base: string,
  problems: Problems,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base });
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
    problems.csp.push(text);
  });
  // A string, run in the page: the tests are compiled without the DOM library.
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      void window.__reportCspViolation(
        event.violatedDirective + ' blocked ' + event.blockedURI + ' on ' + document.location.pathname,
      );
    });`,
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || message.type() === 'warning' || /Content Security Policy/i.test(text)) {
      problems.console.push(`${message.type()}: ${text} (${page.url()})`);
    }
  });
  page.on('pageerror', (error) => problems.console.push(`pageerror: ${error.message}`));
  return { context, page };
}

async function h1Of(page: Page): Promise<string> {
  const headings = page.locator('h1');
  expect(await headings.count()).toBe(1);
  return (await headings.innerText()).trim();
}

async function register(page: Page, nickname: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Create an account' }).click();
  expect(await h1Of(page)).toBe('Create an account');
  await page.getByLabel('Nickname').fill(nickname);
  await page.getByLabel('Password', { exact: true }).fill(`${nickname}-password-1`);
  await page.getByLabel('Password again').fill(`${nickname}-password-1`);
  await page.getByRole('button', { name: 'Create the account' }).click();
  await page.waitForURL('/');
  expect(await h1Of(page)).toBe('Home');
}

(hasChromium ? describe : describe.skip)('the web UI in Chromium', () => {
  let world: BrowserWorld;
  let browser: BrowserWorld['browser'];
  let base: string;
  const problems: Problems = { console: [], csp: [] };

  beforeAll(async () => {
    world = await startBrowserWorld('browser', { site: SITE });
    ({ browser, base } = world);
  }, 60_000);

  afterAll(() => world?.close(), 30_000);

  it('two people register, follow, post, see, reply, like and log out, with no console error or CSP violation', async () => {
    const alice = await browserUser(browser, base, problems);
    const bob = await browserUser(browser, base, problems);

    // The landing page, logged out.
    await alice.page.goto('/');
    expect(await h1Of(alice.page)).toBe(SITE);

    await register(alice.page, 'alice');
    await register(bob.page, 'bob');

    // Bob follows Alice from her profile page.
    await bob.page.goto('/alice');
    expect(await h1Of(bob.page)).toBe('alice');
    await bob.page.getByRole('button', { name: 'Follow alice' }).click();
    await bob.page.getByRole('button', { name: 'Stop following alice' }).waitFor();

    // Alice posts a public note from her home page.
    const text = 'Hello from the pumphouse <b>browser</b> test';
    await alice.page.goto('/');
    await alice.page.getByLabel('Your note').fill(text);
    await alice.page.getByRole('button', { name: 'Post the note' }).click();
    await alice.page.waitForURL('/');
    await alice.page.locator('.major .content', { hasText: text }).waitFor();

    // Bob sees it in his inbox, with the tags shown as text.
    await bob.page.goto('/');
    expect(await h1Of(bob.page)).toBe('Home');
    const note = bob.page.locator('.major article', { hasText: text });
    await note.waitFor();
    expect(await note.locator('b').count()).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await bob.page.screenshot({ path: join(ARTIFACTS, 'home.png'), fullPage: true });

    // He opens it, replies, and likes it.
    await note.getByRole('link', { name: 'Open and reply' }).click();
    await bob.page.getByLabel('Your reply').waitFor();
    await bob.page.getByLabel('Your reply').fill('Nice to read you, Alice');
    await bob.page.getByRole('button', { name: 'Post the reply' }).click();
    await bob.page.locator('.reply', { hasText: 'Nice to read you, Alice' }).waitFor();
    await bob.page.locator('article.object.single').getByRole('button', { name: 'Like' }).click();
    await bob.page.locator('article.object.single').getByRole('button', { name: 'Unlike' }).waitFor();
    expect(await bob.page.locator('article.object.single .counts').innerText()).toContain('1 like,');

    // Alice sees the reply and the like on her note.
    await alice.page.goto(bob.page.url());
    await alice.page.locator('.reply', { hasText: 'Nice to read you, Alice' }).waitFor();
    expect(await alice.page.locator('article.object.single .counts').innerText()).toMatch(/1 like, +1 reply/);

    // Bob logs out: the landing page again, and his home is no longer his.
    await bob.page.getByRole('button', { name: 'Log out' }).click();
    await bob.page.waitForURL('/');
    expect(await h1Of(bob.page)).toBe(SITE);
    await bob.page.goto('/main/settings');
    expect(await h1Of(bob.page)).toBe('Log in');

    expect(problems.csp).toEqual([]);
    expect(problems.console).toEqual([]);

    // The watcher itself works, and the CSP is in force: an inline style attribute is refused and reported.
    await alice.page.evaluate(`document.body.setAttribute('style', 'color: red')`);
    const deadline = Date.now() + 5_000;
    while (problems.csp.length === 0 && Date.now() < deadline) await alice.page.waitForTimeout(50);
    expect(problems.csp[0]).toMatch(/^style-src/);
    await alice.context.close();
    await bob.context.close();
  }, 60_000);

  it('shows every person page right to its owner, a follower, a stranger and a logged-out reader', async () => {
    const roleProblems: Problems = { console: [], csp: [] };
    const owner = await browserUser(browser, base, roleProblems);
    const follower = await browserUser(browser, base, roleProblems);
    const stranger = await browserUser(browser, base, roleProblems);
    const reader = await browserUser(browser, base, roleProblems);
    await register(owner.page, 'dora');
    await register(follower.page, 'eddie');
    await register(stranger.page, 'fiona');
    await follower.page.goto('/dora');
    await follower.page.getByRole('button', { name: 'Follow dora' }).click();
    await follower.page.getByRole('button', { name: 'Stop following dora' }).waitFor();

    // The owner: the header's own links lead to her pages, no Follow button for herself, and she makes a list.
    await owner.page.goto('/eddie');
    await owner.page.getByRole('link', { name: 'My profile' }).click();
    await owner.page.waitForURL('/dora');
    expect(await owner.page.getByRole('button', { name: /follow/i }).count()).toBe(0);
    await owner.page.getByRole('link', { name: 'My lists' }).click();
    await owner.page.waitForURL('/dora/lists');
    await owner.page.getByLabel('Name of the list').fill('Rock climbers');
    await owner.page.getByRole('button', { name: 'Create the list' }).click();
    await owner.page.getByRole('link', { name: 'Rock climbers' }).waitFor();

    // Each visitor on each of her pages: one h1, their own header links, and only the actions they can take.
    const visitors = [
      { who: 'eddie', page: follower.page, follow: 'Stop following dora' },
      { who: 'fiona', page: stranger.page, follow: 'Follow dora' },
      { who: null, page: reader.page, follow: null },
      { who: 'dora', page: owner.page, follow: null },
    ];
    for (const { who, page, follow } of visitors) {
      for (const path of ['/dora', '/dora/followers', '/dora/following', '/dora/favorites', '/dora/lists']) {
        await page.goto(path);
        expect(await page.locator('h1').count()).toBe(1);
        const own = page.getByRole('link', { name: 'My profile' });
        if (who === null) expect(await own.count()).toBe(0);
        else expect(await own.getAttribute('href')).toBe(`/${who}`);
        expect(await page.getByRole('button', { name: 'Create the list' }).count()).toBe(
          who === 'dora' && path === '/dora/lists' ? 1 : 0,
        );
      }
      await page.goto('/dora');
      const buttons = await page.locator('header.profile button').allInnerTexts();
      expect(buttons).toEqual(follow === null ? [] : [follow]);
    }
    expect(roleProblems).toEqual({ console: [], csp: [] });
    for (const user of [owner, follower, stranger, reader]) await user.context.close();
  }, 90_000);
});
