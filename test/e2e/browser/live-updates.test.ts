import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';

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
if (!hasChromium) console.warn(`SKIPPED: the live-updates browser test needs Chromium at ${CHROMIUM}`);

async function register(page: Page, nickname: string): Promise<void> {
  await page.goto('/main/register');
  await page.getByLabel('Nickname').fill(nickname);
  await page.getByLabel('Password', { exact: true }).fill(`${nickname}-password-1`);
  await page.getByLabel('Password again').fill(`${nickname}-password-1`);
  await page.getByRole('button', { name: 'Create the account' }).click();
  await page.waitForURL('/');
}

(hasChromium ? describe : describe.skip)('live updates in Chromium (issue 13)', () => {
  let work: string;
  let server: PumphouseProcess;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    assertBuilt();
    work = mkdtempSync(join(tmpdir(), 'pumphouse-e2e-live-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = join(work, 'pump.io.json');
    const settings = {
      port,
      address: '127.0.0.1',
      hostname: '127.0.0.1',
      dataDir: join(work, 'data'),
      bcryptCost: 4,
      livePollInterval: 200,
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
    await register(alice, 'alice');
    await register(bob, 'bob');
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
