import request from 'supertest';

import { asUser, createWebTestApp, type WebTestApp } from './web-test-app';

// Issue 10 item 3: the page of a public reply must not show, or link to, a parent its viewer may not read.
const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };
const SECRET = 'only carol may read this';

describe('web pages and private content by reference', () => {
  let web: WebTestApp;
  let parentPage: string;
  let replyPage: string;
  let sharePage: string;

  beforeAll(async () => {
    web = createWebTestApp();
    for (const nickname of ['alice', 'bob', 'carol']) await web.register(nickname);
    const carol = { id: web.site.personId('carol'), objectType: 'person' };
    await web.post('bob', { verb: 'follow', object: carol });
    const parent = await web.post('alice', {
      verb: 'post',
      object: { objectType: 'note', content: `<p>${SECRET}</p>`, displayName: SECRET },
      to: [carol],
    });
    const parentRef = { id: parent.objectId, objectType: 'note' };
    const reply = await web.post('carol', {
      verb: 'post',
      object: { objectType: 'comment', content: '<p>my public answer</p>', inReplyTo: parentRef },
      to: [PUBLIC],
    });
    const share = await web.post('carol', { verb: 'share', object: parentRef, to: [PUBLIC] });
    parentPage = `/alice/note/${uuidOf(parent.objectId)}`;
    replyPage = `/carol/comment/${uuidOf(reply.objectId)}`;
    sharePage = `/carol/activity/${uuidOf(share.id)}`;
  });

  const uuidOf = (id: string | null) => (id ?? '').split('/').pop() ?? '';
  const get = (path: string, nickname: string | null) => asUser(request(web.app).get(path), nickname);

  it.each([null, 'bob'])('the reply page shows %s neither the parent nor a link to it', async (nickname) => {
    const page = await get(replyPage, nickname);
    expect(page.status).toBe(200);
    expect(page.text).toContain('my public answer');
    expect(page.text).not.toContain(SECRET);
    expect(page.text).not.toContain(parentPage);
    expect(page.text).not.toContain('In reply to this');
  });

  it('the reply page links to the parent for a reader of the parent', async () => {
    const page = await get(replyPage, 'carol');
    expect(page.text).toContain(`href="${parentPage}"`);
    expect(page.text).toContain('In reply to this');
  });

  it.each([null, 'bob'])(
    "a public share's page does not show %s the shared private note",
    async (nickname) => {
      const page = await get(sharePage, nickname);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain(SECRET);
      expect(page.text).not.toContain(parentPage);
    },
  );

  it("Bob's home page (his inbox) does not show what Carol shared", async () => {
    const page = await get('/', 'bob');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(SECRET);
  });
});
