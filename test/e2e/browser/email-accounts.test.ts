import type { Page } from 'playwright-core';

import { linkIn, SmtpSink } from '../../support/smtp-sink';
import { hasChromium, startBrowserWorld, type BrowserWorld } from './browser-world';

if (!hasChromium) {
  console.warn(`SKIPPED: the browser test needs Chromium at /usr/bin/chromium`);
}

/**
 * Registration with a confirmed address and password recovery, as a person does them (issue #14: "tests read the
 * mail, follow its links in the browser"): a real `pumphouse start` with `requireEmail` and pump.io's SMTP keys
 * pointed at a sink on 127.0.0.1, whose own mail queue sends the mail; Chromium fills the forms and opens the
 * links the mails hold.
 */
(hasChromium ? describe : describe.skip)('email in Chromium', () => {
  const sink = new SmtpSink();
  let world: BrowserWorld;
  // The server's background runner sends the mail; the test only looks until the mail is there.
  const nothingToRun = async (): Promise<void> => undefined;

  beforeAll(async () => {
    await sink.start(0);
    world = await startBrowserWorld('email', {
      requireEmail: true,
      smtpserver: '127.0.0.1',
      smtpport: sink.port,
      smtpfrom: 'pumphouse@example.test',
    });
  }, 60_000);

  afterAll(async () => {
    await world?.close();
    await sink.stop();
  }, 30_000);

  const logIn = async (page: Page, nickname: string, password: string): Promise<void> => {
    await page.goto('/main/login');
    await page.getByLabel('Nickname').fill(nickname);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
  };

  it('registers with an address, is locked until the mailed link is opened, then recovers a lost password', async () => {
    const context = await world.browser.newContext({ baseURL: world.base });
    const page = await context.newPage();

    await page.goto('/main/register');
    await page.getByLabel('Nickname').fill('carol');
    await page.getByLabel('Email address').fill('carol@example.test');
    await page.getByLabel('Password', { exact: true }).fill('carol-password-1');
    await page.getByLabel('Password again').fill('carol-password-1');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Confirm your email address');

    // Not confirmed yet: the right password still does not log in.
    await logIn(page, 'carol', 'carol-password-1');
    await expect(page.locator('p.error').innerText()).resolves.toMatch(/confirm/i);

    const confirmation = await sink.waitForMail('carol@example.test', nothingToRun, { deadlineMs: 60_000 });
    await page.goto(linkIn(confirmation, '/main/confirm/'));
    await expect(page.locator('h1').innerText()).resolves.toBe('Email address confirmed');
    await page.getByRole('button', { name: /log out/i }).click();

    // Lost the password: the login page leads to recovery, and the mailed link sets a new one.
    await page.goto('/main/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Nickname or email address').fill('carol@example.test');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Recovery email sent');

    const recovery = await sink.waitForMail('carol@example.test', nothingToRun, {
      count: 2,
      deadlineMs: 60_000,
    });
    const recoveryLink = linkIn(recovery, '/main/recover/');
    await page.goto(recoveryLink);
    await page.getByLabel('New password', { exact: true }).fill('carol-new-password-2');
    await page.getByLabel('New password again').fill('carol-new-password-2');
    await page.getByRole('button', { name: 'Set the password and log in' }).click();
    await page.waitForURL('/');
    await page.getByRole('button', { name: /log out/i }).click();

    // The old password no longer works, the new one does, and the link works once.
    await logIn(page, 'carol', 'carol-password-1');
    await expect(page.locator('p.error').innerText()).resolves.toMatch(/wrong|incorrect|not/i);
    await logIn(page, 'carol', 'carol-new-password-2');
    await page.waitForURL('/');
    const reused = await page.request.get(recoveryLink, { maxRedirects: 0 });
    expect(reused.status()).toBeGreaterThanOrEqual(400);
    await context.close();
  }, 180_000);
});
