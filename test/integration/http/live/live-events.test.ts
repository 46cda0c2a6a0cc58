import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { BASE, type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';
import { csrfOf } from '../security/security-test-app';
import { listen, SseReader } from './sse-reader';

jest.setTimeout(90_000);

/**
 * GET /main/events over real sockets (issue 13, "New posts arrive without a reload" and "Notifications"): two app
 * instances on one SQLite file stand in for two workers (or one worker before and after a restart).
 */
const LIVE_SETTINGS = {
  livePollInterval: 100,
  liveHeartbeatInterval: 200,
  liveConnectionsPerUser: 2,
};

const site = SiteUrls.fromBaseUrl(BASE);
const personRef = (nickname: string) => ({ id: site.personId(nickname), objectType: 'person' });
const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };

let dataDir: string;
let first: FullApp;
let firstServer: Awaited<ReturnType<typeof listen>>;
let client: KeyPair;
const tokens: Record<string, KeyPair> = {};
let bobCookie: string;
const readers: SseReader[] = [];

const api = (full: FullApp, method: string, path: string, nickname: string) =>
  full.signed(method, path, client, tokens[nickname]);

async function post(
  full: FullApp,
  nickname: string,
  content: string,
  to: object[] = [PUBLIC],
  extra: Record<string, unknown> = {},
): Promise<string> {
  const answer = await api(full, 'POST', `/api/user/${nickname}/feed`, nickname).send({
    verb: 'post',
    object: { objectType: 'note', content },
    to,
    ...extra,
  });
  expect(answer.status).toBe(200);
  return answer.body.id as string;
}

async function open(port: number, cookie: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const reader = await SseReader.open(port, '/main/events', { Cookie: cookie, ...headers });
  readers.push(reader);
  return reader;
}

const activityIds = (reader: SseReader) =>
  reader.events.filter((event) => event.event === 'activity').map((event) => event.id);
const hasActivity = (reader: SseReader, id: string) => () => activityIds(reader).includes(id);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pumphouse-live-'));
  first = startFullApp({ driver: 'sqlite', settings: { dataDir, ...LIVE_SETTINGS } });
  firstServer = await listen(first.app);
  client = await first.registerClient();
  for (const nickname of ['alice', 'bob', 'carol', 'dave']) {
    tokens[nickname] = await first.registerUser(client, nickname);
  }
  for (const [who, whom] of [
    ['bob', 'alice'],
    ['bob', 'dave'],
  ]) {
    const follow = await api(first, 'POST', `/api/user/${who}/following`, who).send(personRef(whom));
    expect(follow.status).toBe(200);
  }
  bobCookie = await first.logInWithBrowser('bob');
});
afterEach(() => {
  readers.splice(0).forEach((reader) => reader.close());
});
afterAll(async () => {
  await firstServer?.close();
  await first?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /main/events', () => {
  it('is an uncached, unbuffered event stream with heartbeats, and refuses a browser with no session', async () => {
    const reader = await open(firstServer.port, bobCookie);
    expect(reader.status).toBe(200);
    expect(reader.response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(reader.response.headers['cache-control']).toBe('no-store');
    expect(reader.response.headers['x-accel-buffering']).toBe('no');
    await reader.waitFor('two heartbeat comments', () => reader.comments >= 2);

    const stranger = await open(firstServer.port, '');
    await stranger.waitFor('the end of the refusal', () => stranger.ended);
    expect(stranger.status).toBe(401);
    expect(JSON.parse(stranger.body)).toEqual({ error: expect.any(String) });
  });

  it("sends a followed user's new post as the HTML the page renders, with its inbox position as id", async () => {
    const reader = await open(firstServer.port, bobCookie);
    await reader.waitFor('the unread count', () => reader.data('unread').length > 0);
    const id = await post(first, 'alice', 'a live <b>hello</b> <script>alert(1)</script>');
    await reader.waitFor("alice's post", hasActivity(reader, id));
    const [event] = reader.data<{ html: string; major: boolean }>('activity');
    expect(event.major).toBe(true);
    expect(event.html).toContain('<article class="activity"');
    expect(event.html).toContain('<b>hello</b>');
    expect(event.html).not.toContain('<script');
  });

  it('resumes after Last-Event-ID on another instance of the same store: nothing missed, nothing twice', async () => {
    const reader = await open(firstServer.port, bobCookie);
    const seen = await post(first, 'alice', 'seen before the restart');
    await reader.waitFor('the first post', hasActivity(reader, seen));
    reader.close();
    // Written while the browser is away, through the first instance.
    const missed = [await post(first, 'alice', 'missed one'), await post(first, 'dave', 'missed two')];

    const second = startFullApp({ driver: 'sqlite', settings: { dataDir, ...LIVE_SETTINGS } });
    const secondServer = await listen(second.app);
    try {
      const resumed = await open(secondServer.port, bobCookie, { 'Last-Event-ID': seen });
      expect(resumed.status).toBe(200);
      await resumed.waitFor('the missed posts', () =>
        missed.every((id) => activityIds(resumed).includes(id)),
      );
      const later = await post(second, 'alice', 'after the restart');
      await resumed.waitFor('the later post', hasActivity(resumed, later));
      expect(activityIds(resumed)).toEqual([...missed, later]);
    } finally {
      await secondServer.close();
      await second.close();
    }
  });

  it('never sends what the user may not see', async () => {
    const reader = await open(firstServer.port, bobCookie);
    // Carol writes to dave alone; dave shares it, so the share reaches bob (who follows dave), but the note
    // stays carol's and dave's: bob gets the share with the note withheld.
    const secret = await api(first, 'POST', '/api/user/carol/feed', 'carol').send({
      verb: 'post',
      object: { objectType: 'note', content: 'carol tells dave a secret' },
      to: [personRef('dave')],
    });
    expect(secret.status).toBe(200);
    const share = await api(first, 'POST', '/api/user/dave/feed', 'dave').send({
      verb: 'share',
      object: { id: secret.body.object.id, objectType: 'note' },
      to: [PUBLIC],
    });
    expect(share.status).toBe(200);
    // Alice writes to carol alone, with a blind copy to dave: nothing of it is bob's.
    const privateToCarol = await post(first, 'alice', 'only for carol', [personRef('carol')], {
      bcc: [personRef('dave')],
    });
    const marker = await post(first, 'alice', 'the marker after them');
    await reader.waitFor('the marker', hasActivity(reader, marker));
    // The share itself did come (events keep inbox order, and the marker is newer), its note withheld.
    expect(activityIds(reader)).toContain(share.body.id);
    expect(activityIds(reader)).not.toContain(privateToCarol);
    expect(reader.body).not.toContain('carol tells dave a secret');
    expect(reader.body).not.toContain('only for carol');
  });

  it('closes when the user logs out', async () => {
    const cookie = await first.logInWithBrowser('bob');
    const reader = await open(firstServer.port, cookie);
    await reader.waitFor('the unread count', () => reader.data('unread').length > 0);
    const page = await first.send('GET', '/main/settings').set({ Cookie: cookie, Accept: 'text/html' });
    const logout = await first
      .send('POST', '/main/logout')
      .set({ Cookie: cookie, Accept: 'text/html' })
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(logout.status).toBe(303);
    await reader.waitFor('the end of the stream', () => reader.ended);
  });

  it('refuses a connection past the per-user limit with 429', async () => {
    const cookie = await first.logInWithBrowser('carol');
    await open(firstServer.port, cookie);
    await open(firstServer.port, cookie);
    const third = await open(firstServer.port, cookie);
    await third.waitFor('the end of the refusal', () => third.ended);
    expect(third.status).toBe(429);
    expect(JSON.parse(third.body)).toEqual({ error: expect.stringMatching(/too many/i) });
  });
});

describe('notifications', () => {
  it('a follow is a notification: counted live, listed on the page, and seen once the page is opened', async () => {
    const cookie = await first.logInWithBrowser('dave');
    const reader = await open(firstServer.port, cookie);
    await reader.waitFor('the unread count', () => reader.data('unread').length > 0);
    const before = reader.data<{ count: number }>('unread')[0].count;
    const follow = await api(first, 'POST', '/api/user/alice/following', 'alice').send(personRef('dave'));
    expect(follow.status).toBe(200);
    const notifications = () =>
      reader
        .data<{ notification: string | null; html: string }>('activity')
        .filter((each) => each.notification);
    await reader.waitFor('the follow', () => notifications().length > 0);
    const [event] = notifications();
    expect(event.html).toContain('followed');
    expect(event?.notification).toBe('follow');
    await reader.waitFor('a higher count', () =>
      reader.data<{ count: number }>('unread').some((u) => u.count > before),
    );

    const page = await first.send('GET', '/main/notifications').set({ Cookie: cookie, Accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('New follower');
    const again = await open(firstServer.port, cookie);
    await again.waitFor('the unread count', () => again.data('unread').length > 0);
    expect(again.data<{ count: number }>('unread')[0].count).toBe(0);
  });

  it('the notifications page needs a login', async () => {
    const page = await first.send('GET', '/main/notifications').set({ Accept: 'text/html' });
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/main\/login/);
  });
});
