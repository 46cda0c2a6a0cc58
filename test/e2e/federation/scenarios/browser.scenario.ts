import { join } from 'node:path';

import type { Browser, Locator, Page } from 'playwright-core';

import type { Json } from '../../support/api-node';
import { expectStatus } from '../../support/pump-client';
import { ARRIVAL_MS, counted, listed } from '../support/arrivals';
import { BrowserUser, chromiumUnavailableReason, launchChromium } from '../support/browser-user';
import { eventually } from '../support/eventually';
import { type FederatedUser, PUBLIC } from '../support/federated-user';
import { FederationNode } from '../support/federation-node';
import { assertInsideNamespace, workFolder } from '../support/inside-namespace';
import { PumpioPeer } from '../support/pumpio-peer/pumpio-peer';
import { SCENARIOS } from '../support/scenario-names';

jest.setTimeout(300_000);

/** Bob's name on b.test: characters a page must escape, none a tag (b.test keeps a display name as text). */
const BOB_NAME = 'Bob <3 & "Co" on b.test';
/** An image b.test serves, for bob's avatar: on his own server, so a.test shows it through its proxy. */
const BOB_AVATAR = 'http://b.test/public/images/pumphouse.svg';
/** What the pump.io-like peer says carol is called: markup a careless page would run. */
const HOSTILE_NAME =
  '<img src=x onerror="window.__hostile=1"><b id="hostile">Carol</b> "><script>window.__hostile=2</script>';
const ALICE_PASSWORD = 'alice-password-1';
const ALICE = 'acct:alice@a.test';
const BOB_NOTE = 'Hello alice, this is bob writing from b.test';
const ALICE_REPLY = 'Hello bob, alice answering from a.test';
const CAROL_NOTE = 'A note from carol on the pump.io peer';
/** alice's home page, in the run's work folder. */
const SCREENSHOT = 'alice-home-a.test.png';

const unavailable = chromiumUnavailableReason();
if (unavailable !== null) console.warn(`SKIPPED: ${unavailable}`);

/**
 * Federation as a person sees it (issue 12, "remote people and objects"): alice uses a.test's web UI in Chromium,
 * which runs inside the namespace and finds a.test and b.test through its hosts file; bob acts on b.test through
 * the API and reads b.test's web UI. Every wait is a condition with a deadline.
 */
(unavailable === null ? describe : describe.skip)('federation in a browser', () => {
  let a: FederationNode;
  let b: FederationNode;
  let peer: PumpioPeer;
  let bob: FederatedUser;
  let browser: Browser;
  let alice: BrowserUser;
  let bobsNote: Json | undefined;

  beforeAll(async () => {
    await assertInsideNamespace();
    [a, b, peer, browser] = await Promise.all([
      FederationNode.start('a.test'),
      FederationNode.start('b.test'),
      PumpioPeer.start({ displayName: HOSTILE_NAME }),
      launchChromium(),
    ]);
    bob = await b.register('bob');
    const profile = await bob.send('/api/user/bob/profile', {
      method: 'PUT',
      json: { displayName: BOB_NAME, image: { url: BOB_AVATAR, width: 96, height: 96 } },
    });
    expectStatus(profile, 200);
    alice = await BrowserUser.open(browser, 'http://a.test');
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([a?.stop(), b?.stop(), peer?.stop()]);
  });

  /** Types an address into the home page's "Follow someone on another server" field and confirms. */
  async function followFromHome(address: string): Promise<void> {
    const { page } = alice;
    await page.goto('/');
    const form = page.locator('section.follow-remote');
    await form.getByLabel('Their address').fill(address);
    await form.getByRole('button', { name: 'Follow' }).click();
    await page.waitForURL(/\/\?followed=/);
    const notice = await page.locator('#follow-notice').innerText();
    expect(notice).toContain(`You now follow ${address}`);
  }

  /** alice's home page as it is now, kept in the run's work folder (KEEP_FEDERATION_E2E=1 keeps it). */
  async function screenshot(): Promise<void> {
    await alice.page.goto('/');
    await alice.page.screenshot({ path: join(workFolder(), SCREENSHOT), fullPage: true });
  }

  /** The needs of a scenario on an earlier one, failing at once with its name when it did not get that far. */
  function needs<T>(value: T | undefined, scenario: string): T {
    if (value === undefined) throw new Error(`needs "${scenario}", which failed: see that scenario`);
    return value;
  }

  it(SCENARIOS.browserFollowAndSee, async () => {
    await alice.register('alice', ALICE_PASSWORD);
    await followFromHome('bob@b.test');
    // Beside the inbox, the follow names whom she followed.
    await alice.page
      .locator('aside.minor article.activity', { hasText: 'alice followed bob@b.test' })
      .waitFor();
    await listed(bob, 'followers', ALICE);

    const note = await bob.note(BOB_NOTE);
    const article = await alice.reloadUntil(
      '/',
      (page) => activityWith(page, BOB_NOTE),
      "bob's note",
      ARRIVAL_MS,
    );
    // His name, as b.test has it and escaped once, on a link to his home page there.
    const home = article.locator('a[href="http://b.test/bob"]').first();
    expect(await home.innerText()).toBe(BOB_NAME);
    // What a person can do with it from here: like, share, reply (the reply is the next scenario).
    const share = article.getByRole('button', { name: `Share the note by ${BOB_NAME}` });
    expect(await share.count()).toBe(1);
    // His avatar, through a.test's proxy, loaded.
    const avatar = article.locator('img.avatar');
    const src = String(await avatar.getAttribute('src'));
    expect(src).toMatch(/^\/api\/proxy\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const image = await alice.page.request.get(src);
    expect({ status: image.status(), type: image.headers()['content-type'] }).toEqual({
      status: 200,
      type: expect.stringMatching(/^image\/svg\+xml/),
    });
    await eventually('the avatar shown', () =>
      avatar.evaluate((img: { complete: boolean; naturalWidth: number }) =>
        img.complete && img.naturalWidth > 0 ? true : undefined,
      ),
    );
    await screenshot();
    expect(alice.problems).toEqual([]);
    bobsNote = note.object as Json;
  });

  it(SCENARIOS.browserReply, async () => {
    const note = needs(bobsNote, SCENARIOS.browserFollowAndSee);
    await alice.page.goto('/');
    const article = activityWith(alice.page, BOB_NOTE);
    await article.locator('details.reply-here summary').click();
    await article.getByLabel('Your reply').fill(ALICE_REPLY);
    await article.getByRole('button', { name: 'Post the reply' }).click();
    await alice.page.waitForURL('/');
    await counted(bob, note, 'replies');

    // Bob, in b.test's web UI, sees it under his note, by alice with a link to her home page on a.test.
    const bobInBrowser = await BrowserUser.open(browser, 'http://b.test');
    await bobInBrowser.logIn('bob', 'bob-password-1');
    const reply = await bobInBrowser.reloadUntil(
      new URL(String(note.url)).pathname,
      (page) => page.locator('article.reply', { hasText: ALICE_REPLY }),
      "alice's reply under bob's note",
      ARRIVAL_MS,
    );
    expect(await reply.locator('a[href="http://a.test/alice"]').innerText()).toBe('alice');
    // And alice's home page counts it.
    await alice.reloadUntil(
      '/',
      (page) => activityWith(page, BOB_NOTE).locator('.counts', { hasText: '1 reply' }),
      "one reply counted on bob's note",
      ARRIVAL_MS,
    );
    await screenshot();
    expect([...alice.problems, ...bobInBrowser.problems]).toEqual([]);
  });

  it(SCENARIOS.browserHostileName, async () => {
    await followFromHome('carol@peer.test');
    await eventually(
      "alice's follow at carol@peer.test",
      async () => (peer.followers().includes(ALICE) ? true : undefined),
      { timeoutMs: ARRIVAL_MS, hopeless: () => a.deliveryTrouble('peer.test') },
      () => peer.describe(),
    );
    const post = peer.activity('post', peer.note(CAROL_NOTE), { to: [PUBLIC] });
    const answer = await peer.deliver(post, ALICE);
    expect({ status: answer.status, body: answer.body.slice(0, 300) }).toMatchObject({ status: 200 });

    const article = await alice.reloadUntil(
      '/',
      (page) => activityWith(page, CAROL_NOTE),
      "carol's note",
      ARRIVAL_MS,
    );
    const name = await article.locator('.activity-content a, .activity-content .person').first().innerText();
    expect(name).toContain('Carol');
    // Nothing of the name became an element, and nothing of it ran.
    expect(await article.locator('#hostile, script, img[src="x"], b').count()).toBe(0);
    expect(await alice.page.evaluate('window.__hostile')).toBeUndefined();
    await screenshot();
    expect(alice.problems).toEqual([]);
  });
});

/** The activity of the page's inbox whose note says `text`. */
function activityWith(page: Page, text: string): Locator {
  return page.locator('section.major article.activity', { hasText: text });
}
