import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type Page } from 'playwright-core';

import { hasChromium, registerInBrowser, startBrowserWorld, type BrowserWorld } from './browser-world';

const ROOT = join(__dirname, '..', '..', '..');
/** Kept by CI (see README "The web UI"); gitignored. */
const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1366, height: 900 },
] as const;
if (!hasChromium) console.warn(`SKIPPED: the main pages' browser test needs Chromium at /usr/bin/chromium`);

/** One axe-core violation, as the report shows it. */
interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/**
 * axe-core's violations of the page. Its source is evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy does not govern, so the policy stays as strict as in production (no script tag added).
 * A string, run in the page: the tests are compiled without the DOM library.
 */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(`axe
    .run(document, { resultTypes: ['violations'] })
    .then((result) => result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(' ')),
    })))`);
}

(hasChromium ? describe : describe.skip)('the main pages in Chromium', () => {
  let world: BrowserWorld;
  let browser: BrowserWorld['browser'];
  let base: string;

  beforeAll(async () => {
    world = await startBrowserWorld('axe');
    ({ browser, base } = world);
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(() => world?.close(), 30_000);

  it('finds no critical or serious violation on any of them, at phone and desktop widths', async () => {
    const reader = await browser.newContext({ baseURL: base });
    const alice = await browser.newContext({ baseURL: base });
    const bob = await browser.newContext({ baseURL: base });
    const [readerPage, alicePage, bobPage] = await Promise.all([reader, alice, bob].map((c) => c.newPage()));

    // Content for the pages: bob follows alice, she posts and makes a list, he replies and likes.
    await registerInBrowser(alicePage, 'alice');
    await registerInBrowser(bobPage, 'bob');
    await bobPage.goto('/alice');
    await bobPage.getByRole('button', { name: 'Follow alice' }).click();
    await bobPage.getByRole('button', { name: 'Stop following alice' }).waitFor();
    await alicePage.goto('/');
    await alicePage.getByLabel('Your note').fill('Checking https://example.org for everyone');
    await alicePage.getByRole('button', { name: 'Post the note' }).click();
    await alicePage.locator('.major .content', { hasText: 'Checking' }).waitFor();
    await alicePage.goto('/alice/lists');
    await alicePage.getByLabel('Name of the list').fill('Neighbours');
    await alicePage.getByRole('button', { name: 'Create the list' }).click();
    await alicePage.getByRole('link', { name: 'Neighbours' }).click();
    const listPath = new URL(alicePage.url()).pathname;
    await bobPage.goto('/');
    await bobPage
      .locator('.major article', { hasText: 'Checking' })
      .getByRole('link', { name: 'Open and reply' })
      .click();
    const objectPath = new URL(bobPage.url()).pathname;
    await bobPage.getByLabel('Your reply').fill('Read and liked');
    await bobPage.getByRole('button', { name: 'Post the reply' }).click();
    await bobPage.locator('.reply', { hasText: 'Read and liked' }).waitFor();
    await bobPage.locator('article.object.single').getByRole('button', { name: 'Like' }).click();
    await bobPage.locator('article.object.single').getByRole('button', { name: 'Unlike' }).waitFor();

    const pages: ReadonlyArray<{ name: string; page: Page; path: string }> = [
      { name: 'landing', page: readerPage, path: '/' },
      { name: 'login', page: readerPage, path: '/main/login' },
      { name: 'register', page: readerPage, path: '/main/register' },
      { name: 'home', page: alicePage, path: '/' },
      { name: 'person', page: bobPage, path: '/alice' },
      { name: 'followers', page: readerPage, path: '/alice/followers' },
      { name: 'object', page: alicePage, path: objectPath },
      { name: 'settings', page: alicePage, path: '/main/settings' },
      { name: 'lists', page: alicePage, path: '/alice/lists' },
      { name: 'list', page: alicePage, path: listPath },
    ];
    const found: string[] = [];
    for (const viewport of VIEWPORTS) {
      for (const { name, page, path } of pages) {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        const answer = await page.goto(path);
        expect(answer?.status()).toBe(200);
        for (const violation of await axeViolations(page)) {
          if (violation.impact === 'critical' || violation.impact === 'serious') {
            found.push(
              `${name} (${viewport.name}): ${violation.id} [${violation.impact}] ${violation.help}: ${violation.targets.join(', ')}`,
            );
          }
        }
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${viewport.name}.png`), fullPage: true });
      }
    }
    expect(found).toEqual([]);

    // The check itself works: an image without a text alternative, added to a page, is a critical violation.
    await readerPage.evaluate(`document.querySelector('main').appendChild(document.createElement('img'))`);
    const planted = await axeViolations(readerPage);
    expect(planted).toContainEqual(expect.objectContaining({ id: 'image-alt', impact: 'critical' }));
    for (const context of [reader, alice, bob]) await context.close();
  }, 120_000);

  it('lets an author edit, then delete, a note from the pages, and replying works from the stream', async () => {
    const context = await browser.newContext({ baseURL: base });
    const cspViolations: string[] = [];
    await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
      cspViolations.push(text);
    });
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) => {
        void window.__reportCspViolation(event.violatedDirective + ' on ' + document.location.pathname);
      });`,
    });
    const page = await context.newPage();
    await registerInBrowser(page, 'carol');
    await page.getByLabel('Your note').fill('A note with a tpyo');
    await page.getByRole('button', { name: 'Post the note' }).click();
    const note = page.locator('.major article', { hasText: 'A note with a' });
    await note.waitFor();

    // Edit in place, from the stream: the form opens without JavaScript (details) and starts from the text.
    await note.locator('details.edit summary').click();
    const field = note.getByLabel('New text of the note');
    expect(await field.inputValue()).toBe('A note with a tpyo');
    await field.fill('A note with a typo fixed');
    await note.getByRole('button', { name: 'Save the changes' }).click();
    await page.locator('.major .content', { hasText: 'A note with a typo fixed' }).waitFor();

    // A reply from the stream's own form.
    const edited = page.locator('.major article', { hasText: 'A note with a typo fixed' }).first();
    await edited.locator('details.reply-here summary').click();
    await edited.getByLabel('Your reply').fill('Replying from the inbox');
    await edited.getByRole('button', { name: 'Post the reply' }).click();
    await page.locator('.first-replies', { hasText: 'Replying from the inbox' }).first().waitFor();

    // Delete, on the note's page: asked twice, then its page is a tombstone.
    await page
      .locator('.major article', { hasText: 'A note with a typo fixed' })
      .first()
      .getByRole('link', { name: 'Open and reply' })
      .click();
    const single = page.locator('article.object.single');
    await single.locator('details.delete summary').click();
    await single.getByRole('button', { name: 'Delete the note for good' }).click();
    expect(await page.locator('h1').innerText()).toBe('Deleted note');
    await page.locator('.tombstone', { hasText: 'was deleted' }).waitFor();
    await page.goto('/carol');
    expect(await page.locator('main').innerText()).not.toContain('A note with a typo fixed');
    expect(cspViolations).toEqual([]);
    await context.close();
  }, 60_000);
});
