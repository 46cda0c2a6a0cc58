import request from 'supertest';

import { asUser, CSRF, createWebTestApp, type WebTestApp } from './web-test-app';

const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };

/** The `<article class="activity">` elements of a page whose text holds `text`. */
function articlesWith(html: string, text: string): string[] {
  return (html.match(/<article class="activity">[\s\S]*?<\/article>/g) ?? []).filter((a) => a.includes(text));
}

/** The inner HTML of the `<section>` labelled by the heading with id `titleId`. */
function sectionOf(html: string, titleId: string): string {
  const match = new RegExp(`<section aria-labelledby="${titleId}">([\\s\\S]*?)</section>`).exec(html);
  return match?.[1] ?? '';
}

describe('replies, likes and shares as the pages show them', () => {
  let web: WebTestApp;
  let noteId: string;
  let notePath: string;

  beforeAll(async () => {
    web = createWebTestApp();
    for (const nickname of ['alice', 'bob', 'carol']) await web.register(nickname);
    await web.post('bob', {
      verb: 'follow',
      object: { id: web.site.personId('alice'), objectType: 'person' },
    });
    const note = await web.post('alice', {
      verb: 'post',
      object: { objectType: 'note', content: '<p>Talk to me</p>' },
      to: [PUBLIC],
    });
    noteId = note.objectId ?? '';
    notePath = `/alice/note/${noteId.split('/').pop() ?? ''}`;
    const inReplyTo = { id: noteId, objectType: 'note' };
    for (let n = 1; n <= 6; n += 1) {
      web.clock.advance(1_000);
      await web.post(n % 2 === 0 ? 'bob' : 'carol', {
        verb: 'post',
        object: { objectType: 'comment', content: `<p>Reply number ${n}</p>`, inReplyTo },
      });
    }
    await web.post('bob', { verb: 'favorite', object: inReplyTo });
    await web.post('carol', { verb: 'share', object: inReplyTo });
  });

  const get = (path: string, nickname: string | null) => asUser(request(web.app).get(path), nickname);

  it('shows the first replies under a post in a stream, with a link to all of them and a reply form', async () => {
    const [article] = articlesWith((await get('/', 'bob')).text, 'Talk to me');
    expect(article).toBeDefined();
    const shown = [...article.matchAll(/Reply number (\d)/g)].map((match) => match[1]);
    expect(shown).toHaveLength(4);
    expect(article).toMatch(/<ul class="first-replies" aria-label="Replies">/);
    expect(article).toContain('<a class="person" href="/carol">carol</a>');
    expect(article).toContain(`<a href="${notePath}#replies-title">All 6 replies</a>`);
    expect(article).toMatch(/1 like,\s+6 replies,\s+1 share/);
    expect(article).toMatch(/<form method="post" action="\/main\/reply">/);
    expect(article).toContain(`name="_csrf" value="${CSRF}"`);
  });

  it('shows a logged-out reader the first replies and counts, and no reply form', async () => {
    const [article] = articlesWith((await get('/alice', null)).text, 'Talk to me');
    expect([...article.matchAll(/Reply number \d/g)]).toHaveLength(4);
    expect(article).toMatch(/1 like,\s+6 replies,\s+1 share/);
    expect(article).not.toContain('action="/main/reply"');
  });

  it('names who liked and who shared on the object page, with links, and lists every reply', async () => {
    const html = (await get(notePath, null)).text;
    expect(sectionOf(html, 'likes-title')).toContain('<a class="person" href="/bob">bob</a>');
    expect(sectionOf(html, 'shares-title')).toContain('<a class="person" href="/carol">carol</a>');
    const replies = sectionOf(html, 'replies-title');
    expect([...replies.matchAll(/Reply number \d/g)]).toHaveLength(6);
  });
});
