import type { Activity } from '../../../../src/domain/activity-streams/activity';
import { DELIVER_QUEUE } from '../../../../src/application/delivery/delivery-jobs';
import { inboxStreamNames } from '../../../../src/domain/distribution/stream-names';
import { type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';
import { cookiesOf, csrfOf } from '../security/security-test-app';

jest.setTimeout(60_000);

const MALLORY = 'acct:mallory@m.test';
const REMOTE_NOTE = 'https://m.test/api/note/1';

let full: FullApp;
let client: KeyPair;
let alice: KeyPair;
let cookie: string;
let bobsNoteId: string;

/** A public note of a remote person in alice's inbox, as a delivery leaves it. */
async function remoteNoteInAlicesInbox(): Promise<void> {
  await full.storage.objects.save({
    id: MALLORY,
    objectType: 'person',
    displayName: 'Mallory',
    url: 'https://m.test/mallory',
    _fetched: '2026-01-01T00:00:00Z',
  });
  await full.storage.objects.save({
    id: REMOTE_NOTE,
    objectType: 'note',
    content: 'hello from m.test',
    author: { id: MALLORY, objectType: 'person' },
    url: 'https://m.test/mallory/note/1',
  });
  const activity: Activity = {
    id: 'https://m.test/api/activity/1',
    verb: 'post',
    actor: { id: MALLORY, objectType: 'person' },
    object: { id: REMOTE_NOTE, objectType: 'note' },
    to: [{ id: 'http://activityschema.org/collection/public', objectType: 'collection' }],
    published: '2026-01-02T00:00:00Z',
    updated: '2026-01-02T00:00:00Z',
  };
  await full.storage.activities.save(activity);
  await full.storage.streams.appendToMany(inboxStreamNames('alice', true, false), activity.id);
}

beforeAll(async () => {
  full = startFullApp();
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
  const bob = await full.registerUser(client, 'bob');
  const bobsProfile = await full.signed('GET', '/api/user/bob/profile', client, bob);
  const follow = await full
    .signed('POST', '/api/user/alice/feed', client, alice)
    .send({ verb: 'follow', object: { objectType: 'person', id: bobsProfile.body.id } });
  expect(follow.status).toBe(200);
  const post = await full
    .signed('POST', '/api/user/bob/feed', client, bob)
    .send({ verb: 'post', object: { objectType: 'note', content: 'hello from bob, here' } });
  expect(post.status).toBe(200);
  bobsNoteId = post.body.object.id as string;
  await remoteNoteInAlicesInbox();
  cookie = await full.logInWithBrowser('alice');
});
afterAll(async () => {
  await full?.close();
});

const home = () => full.send('GET', '/').set({ Cookie: cookie, Accept: 'text/html' });

/** The HTML of the one activity of the home page whose object is `objectId`. */
async function articleOf(objectId: string): Promise<string> {
  const page = await home();
  expect(page.status).toBe(200);
  const articles = page.text.split('<article class="activity">').slice(1);
  const found = articles.filter((article) => article.includes(`value="${objectId}"`));
  expect(found).toHaveLength(1);
  return found[0];
}

/** The hidden fields and the action of the form in `html` that posts to `action`. */
function formIn(html: string, action: string): Record<string, string> {
  const form = new RegExp(`<form[^>]*action="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(html);
  if (form === null) throw new Error(`no form to ${action} in:\n${html}`);
  const fields: Record<string, string> = {};
  for (const [, name, value] of form[1].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[name] = value.replace(/&amp;/g, '&');
  }
  return fields;
}

describe('the notes of the home page', () => {
  it("offer Share on a local and a remote person's note: a posted note's author is the activity's actor", async () => {
    for (const id of [bobsNoteId, REMOTE_NOTE]) {
      expect(await articleOf(id)).toContain('action="/main/share"');
    }
    expect(await articleOf(REMOTE_NOTE)).toContain('Share<span class="visually-hidden"> the note by Mallory');
  });

  it('offer a reply form here for a note of another server, and say that its link leaves for that server', async () => {
    const remote = await articleOf(REMOTE_NOTE);
    expect(formIn(remote, '/main/reply')).toMatchObject({ objectId: REMOTE_NOTE, objectType: 'note' });
    expect(remote).toContain('Open on m.test');
    expect(remote).not.toContain('Open and reply');
    // A local note keeps its page here, and a stream offers the same reply form under it.
    const local = await articleOf(bobsNoteId);
    expect(local).toContain('Open and reply');
    expect(formIn(local, '/main/reply')).toMatchObject({ objectId: bobsNoteId, objectType: 'note' });
  });

  it("reply to the remote note through that form: alice's comment, planned for delivery to the note's author", async () => {
    const page = await home();
    const fields = formIn(await articleOf(REMOTE_NOTE), '/main/reply');
    const answer = await full
      .send('POST', '/main/reply')
      .set({
        Cookie: [cookie, cookiesOf(page.headers['set-cookie'])].filter(Boolean).join('; '),
        Accept: 'text/html',
      })
      .type('form')
      .send({ ...fields, _csrf: csrfOf(page.text), content: 'Hello Mallory, from alice' });
    expect(answer.status).toBe(303);
    const feed = await full.signed('GET', '/api/user/alice/feed', client, alice);
    expect(feed.body.items[0]).toMatchObject({
      verb: 'post',
      object: { objectType: 'comment', inReplyTo: { id: REMOTE_NOTE } },
    });
    const deliveries = await full.storage.jobs.list(DELIVER_QUEUE);
    const planned = deliveries.filter((job) => job.payload.activityId === feed.body.items[0].id);
    expect(planned.flatMap((job) => job.payload.recipientIds as string[])).toContain(MALLORY);
  });
});
