import request from 'supertest';

import { asUser, createWebTestApp, h1s, type WebTestApp } from './web-test-app';

const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };

/** Every `<article class="activity">` of a page. */
function articlesOf(html: string): string[] {
  return html.match(/<article class="activity">[\s\S]*?<\/article>/g) ?? [];
}

/** The link around an activity's time, or null when its time is not a link. */
function timeLinkOf(article: string): string | null {
  return /<p class="when"><a href="([^"]+)"><time/.exec(article)?.[1] ?? null;
}

describe('the page of one activity', () => {
  let web: WebTestApp;

  beforeAll(async () => {
    web = createWebTestApp();
    for (const nickname of ['alice', 'bob']) await web.register(nickname);
    await web.post('bob', {
      verb: 'follow',
      object: { id: web.site.personId('alice'), objectType: 'person' },
    });
    const note = await web.post('alice', {
      verb: 'post',
      object: { objectType: 'note', content: '<p>An activity of note</p>' },
      to: [PUBLIC],
    });
    await web.post('bob', { verb: 'favorite', object: { id: note.objectId, objectType: 'note' } });
    await web.post('alice', {
      verb: 'post',
      object: { objectType: 'note', content: '<p>For my followers</p>' },
      to: [{ id: web.site.followersCollectionId('alice'), objectType: 'collection' }],
    });
  });

  const get = (path: string, nickname: string | null) => asUser(request(web.app).get(path), nickname);

  it.each([
    ['/alice', null],
    ['/bob', 'bob'],
    ['/', 'bob'],
  ])('links the time of every activity on %s (as %s) to its page, which shows it', async (path, who) => {
    // The site's own welcome note has no page: its actor is the site, not a person of it.
    const articles = articlesOf((await get(path, who)).text).filter(
      (a) => !a.includes('Welcome to Test Pump'),
    );
    expect(articles.length).toBeGreaterThan(0);
    for (const article of articles) {
      const link = timeLinkOf(article);
      expect(link).toMatch(/^\/(alice|bob)\/activity\/[\w-]+$/);
      const page = await get(link ?? '', who);
      expect(page.status).toBe(200);
      expect(h1s(page.text)).toEqual([expect.stringMatching(/^Activity by (alice|bob)$/)]);
      expect(page.text).toContain(`href="${link}"`);
    }
  });

  it('shows the object of any verb on its page: the note bob liked, with its text and counts', async () => {
    const like = articlesOf((await get('/bob', 'bob')).text).find((article) =>
      article.includes(' favorited '),
    );
    const page = await get(timeLinkOf(like ?? '') ?? '/nowhere', 'bob');
    expect(h1s(page.text)).toEqual(['Activity by bob']);
    expect(page.text).toContain('An activity of note');
    expect(page.text).toMatch(/1 like,/);
    expect(page.text).toContain('<a class="open" href="/alice/note/');
  });

  it('shows the person a follow is about on its page', async () => {
    const follow = articlesOf((await get('/bob', 'bob')).text).find((article) =>
      article.includes(' followed '),
    );
    const page = await get(timeLinkOf(follow ?? '') ?? '/nowhere', 'bob');
    expect(page.text).toMatch(
      // The avatar (here the placeholder) comes first.
      /<div class="activity-object"><p class="by">(<img class="avatar[^>]*>)?<a class="person" href="\/alice">alice<\/a>/,
    );
  });

  it('keeps a followers-only activity from strangers: a login for a logged-out reader', async () => {
    const [own] = articlesOf((await get('/alice', 'alice')).text).filter((a) =>
      a.includes('For my followers'),
    );
    const link = timeLinkOf(own) ?? '';
    expect((await get(link, 'bob')).text).toContain('For my followers');
    const anonymous = await get(link, null);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe(`/main/login?continue=${encodeURIComponent(link)}`);
  });
});
