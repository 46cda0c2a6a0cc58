import { existsSync } from 'node:fs';

import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

import { eventually } from './eventually';

/** Debian's Chromium, which the browser tests drive through playwright-core (test/e2e/browser). */
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser scenario cannot run here, or null when it can. */
export function chromiumUnavailableReason(): string | null {
  return existsSync(CHROMIUM) ? null : `the browser scenario needs Chromium at ${CHROMIUM}`;
}

/**
 * What Chromium says of the Cross-Origin-Opener-Policy header on a plain http origin other than localhost (it
 * applies that header on trustworthy origins only): the nodes of the namespace are plain http on port 80.
 */
const PLAIN_HTTP_NOTICE =
  /Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy/;

/** How long one browser step (a click, a page load) may take on a busy 2-core machine. */
const STEP_MS = 60_000;

/**
 * Chromium, started in the calling process: inside the namespace it resolves a.test and b.test through the
 * bind-mounted /etc/hosts like every other process there. As root it needs --no-sandbox.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], timeout: STEP_MS });
}

/**
 * A person in a browser on one node's web UI (`http://a.test`), with their own cookies. What went wrong on
 * their pages (console errors, failed loads, Content-Security-Policy violations) is collected in `problems`.
 */
export class BrowserUser {
  readonly problems: string[] = [];

  private constructor(
    readonly base: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async open(browser: Browser, base: string): Promise<BrowserUser> {
    const context = await browser.newContext({ baseURL: base });
    context.setDefaultTimeout(STEP_MS);
    context.setDefaultNavigationTimeout(STEP_MS);
    const page = await context.newPage();
    const user = new BrowserUser(base, context, page);
    await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
      user.problems.push(`CSP: ${text}`);
    });
    // A string, run in the page: the tests are compiled without the DOM library.
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) => {
        void window.__reportCspViolation(event.violatedDirective + ' blocked ' + event.blockedURI);
      });`,
    });
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && !PLAIN_HTTP_NOTICE.test(text)) {
        user.problems.push(`console: ${text} (${page.url()})`);
      }
    });
    page.on('pageerror', (error) => user.problems.push(`pageerror: ${error.message}`));
    return user;
  }

  /** Registers through the "Create an account" form and lands on the home page. */
  async register(nickname: string, password: string): Promise<void> {
    const { page } = this;
    await page.goto('/');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Nickname').fill(nickname);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Password again').fill(password);
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.waitForURL('/');
    await this.expectHeading('Home');
  }

  /** Logs in through the login form and lands on the home page. */
  async logIn(nickname: string, password: string): Promise<void> {
    const { page } = this;
    await page.goto('/main/login');
    await page.getByLabel('Nickname').fill(nickname);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('/');
    await this.expectHeading('Home');
  }

  async expectHeading(text: string): Promise<void> {
    const heading = (await this.page.locator('h1').innerText()).trim();
    if (heading !== text)
      throw new Error(`expected the page "${text}", got "${heading}" at ${this.page.url()}`);
  }

  /**
   * Loads `path` again and again, as a person waiting for something would, until `find` locates at least one
   * element on it; answers the first. Fails at the deadline with what the page showed last.
   */
  async reloadUntil(
    path: string,
    find: (page: Page) => Locator,
    what: string,
    timeoutMs: number,
  ): Promise<Locator> {
    let last = '';
    return eventually(
      `${what} on ${this.base}${path}`,
      async () => {
        await this.page.goto(path);
        const found = find(this.page);
        if ((await found.count()) > 0) return found.first();
        last = (
          await this.page
            .locator('main')
            .innerText()
            .catch(() => '')
        ).slice(0, 1500);
        return undefined;
      },
      { timeoutMs, intervalMs: 1_000 },
      () => `the page showed last:\n${last}`,
    );
  }
}
