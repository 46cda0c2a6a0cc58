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

/** Debian's Chromium, which `.ci/run` installs; the browser tests skip themselves (and say so) without it. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** A built Pumphouse on a free loopback port (`pumphouse start`, its own data folder) and a Chromium to visit it. */
export interface BrowserWorld {
  readonly base: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Starts the world; `settings` are added to (or replace) the defaults of the config file. */
export async function startBrowserWorld(
  name: string,
  settings: Record<string, unknown> = {},
): Promise<BrowserWorld> {
  assertBuilt();
  const work = mkdtempSync(join(tmpdir(), `pumphouse-e2e-${name}-`));
  let server: PumphouseProcess | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    if (server !== undefined && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      await exitWithin(server, 15_000);
    }
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    const config = join(work, 'pump.io.json');
    writeFileSync(
      config,
      JSON.stringify({
        port,
        address: '127.0.0.1',
        hostname: '127.0.0.1',
        dataDir: join(work, 'data'),
        bcryptCost: 4,
        ...settings,
      }),
    );
    server = spawnPumphouse(['start', '-c', config], { cwd: work, env: cleanEnv() });
    await waitUntilHealthy(port, server);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    return { base: `http://127.0.0.1:${port}`, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Registers `nickname` (password `<nickname>-password-1`) through the registration page, which logs the page in. */
export async function registerInBrowser(page: Page, nickname: string): Promise<void> {
  await page.goto('/main/register');
  await page.getByLabel('Nickname').fill(nickname);
  await page.getByLabel('Password', { exact: true }).fill(`${nickname}-password-1`);
  await page.getByLabel('Password again').fill(`${nickname}-password-1`);
  await page.getByRole('button', { name: 'Create the account' }).click();
  await page.waitForURL('/');
}
