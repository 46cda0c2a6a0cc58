import request from 'supertest';

import { userStreamName } from '../../../../src/domain/distribution/stream-names';

import { asUser, CSRF, createWebTestApp, type WebTestApp } from './web-test-app';

const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };

/** The `<article class="activity">` elements of a page whose text holds `text`. */
function articlesWith(html: string, text: string): string[] {
  return (html.match(/<article class="activity">[\s\S]*?<\/article>/g) ?? []).filter((a) => a.includes(text));
}

describe('shares in streams', () => {
  let web: WebTestApp;
  let noteId: string;

  beforeEach(async () => {
    web = createWebTestApp();
    for (const nickname of ['alice', 'bob', 'carol']) await web.register(nickname);
    await web.post('carol', {
      verb: 'follow',
      object: { id: web.site.personId('bob'), objectType: 'person' },
    });
    const note = await web.post('alice', {
      verb: 'post',
      object: { objectType: 'note', content: '<p>Shared words</p>' },
      to: [PUBLIC],
    });
    noteId = note.objectId ?? '';
    await web.post('bob', { verb: 'share', object: { id: noteId, objectType: 'note' } });
  });

  const get = (path: string, nickname: string | null) => asUser(request(web.app).get(path), nickname);
  const post = (path: string, nickname: string, form: Record<string, string>) =>
    asUser(request(web.app).post(path), nickname)
      .type('form')
      .send({ _csrf: CSRF, ...form });

  it.each([
    ['/', 'carol'],
    ['/bob', 'bob'],
    ['/bob', 'carol'],
  ])("shows the shared note's author in %s as %s", async (path, who) => {
    const res = await get(path, who);
    const [shared] = articlesWith(res.text, 'Shared words');
    expect(shared).toBeDefined();
    expect(shared).toMatch(/<p class="by">by <a class="person" href="\/alice">alice<\/a><\/p>/);
  });

  it('offers Unshare to the sharer only, as a CSRF form, and the form unshares', async () => {
    const carolSees = articlesWith((await get('/bob', 'carol')).text, 'Shared words')[0];
    expect(carolSees).toContain('>Share<');
    expect(carolSees).not.toContain('/main/unshare');

    const bobSees = articlesWith((await get('/bob', 'bob')).text, 'Shared words')[0];
    expect(bobSees).toMatch(/<form class="inline" method="post" action="\/main\/unshare">/);
    expect(bobSees).toContain(`name="_csrf" value="${CSRF}"`);
    expect(bobSees).not.toContain('>Share<');

    const res = await post('/main/unshare', 'bob', { objectId: noteId, objectType: 'note', back: '/bob' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/bob');
    const sharers = await web.storage.streams.page(`object:${noteId}:shares`, { count: 10 });
    expect(sharers).toEqual([]);
    const outbox = await web.storage.streams.page(userStreamName('bob', 'outbox'), { count: 1 });
    expect((await web.storage.activities.findById(outbox[0]))?.verb).toBe('unshare');
    const after = articlesWith((await get('/bob', 'bob')).text, 'Shared words');
    expect(after.some((article) => article.includes('>Share<'))).toBe(true);
  });

  it('refuses an unshare without being logged in, and posts nothing', async () => {
    const res = await asUser(request(web.app).post('/main/unshare'), null)
      .type('form')
      .send({ _csrf: CSRF, objectId: noteId, objectType: 'note' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/main\/login/);
    const outbox = await web.storage.streams.page(userStreamName('bob', 'outbox'), { count: 1 });
    expect((await web.storage.activities.findById(outbox[0]))?.verb).toBe('share');
  });
});
