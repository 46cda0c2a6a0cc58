import request from 'supertest';

import { asUser, createWebTestApp, type WebTestApp } from './web-test-app';

const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };

/** The `<article class="activity">` of a page whose text holds `text`. */
function articleWith(html: string, text: string): string {
  const found = (html.match(/<article class="activity">[\s\S]*?<\/article>/g) ?? []).find((a) =>
    a.includes(text),
  );
  if (found === undefined) throw new Error(`no activity with ${text}`);
  return found;
}

describe('posts as streams show them', () => {
  let web: WebTestApp;

  beforeAll(async () => {
    web = createWebTestApp();
    for (const nickname of ['alice', 'bob']) await web.register(nickname);
    await web.post('bob', {
      verb: 'follow',
      object: { id: web.site.personId('alice'), objectType: 'person' },
    });
    const note = (content: string, to: unknown[]) =>
      web.post('alice', { verb: 'post', object: { objectType: 'note', content }, to });
    const friends = (await web.storage.streams.page('user:alice:lists:person', { count: 10 })).at(-1) ?? '';
    await web.post('alice', {
      verb: 'add',
      object: { id: web.site.personId('bob'), objectType: 'person' },
      target: { id: friends, objectType: 'collection' },
    });
    await note('<p>Public one: see https://example.org/page?a=1&amp;b=2.</p>', [PUBLIC]);
    await note('<p>Followers one</p>', [
      { id: web.site.followersCollectionId('alice'), objectType: 'collection' },
    ]);
    await note('<p>List one</p>', [{ id: friends, objectType: 'collection' }]);
    await note('<p>Person one</p>', [{ id: web.site.personId('bob'), objectType: 'person' }]);
    web.clock.advance(5 * 60_000);
  });

  const get = (path: string, nickname: string | null) => asUser(request(web.app).get(path), nickname);

  it('makes a bare URL in a post a link that does not pass ranking or the opener', async () => {
    const article = articleWith((await get('/alice', null)).text, 'Public one');
    expect(article).toContain(
      'see <a href="https://example.org/page?a=1&amp;b=2" rel="nofollow noopener ugc">https://example.org/page?a=1&amp;b=2</a>.',
    );
  });

  it('shows times relative to now, the exact time on hover, in the browser language', async () => {
    const english = articleWith((await get('/alice', 'bob')).text, 'Public one');
    expect(english).toContain(
      '<time datetime="2026-03-04T05:06:07Z" title="March 4, 2026 at 5:06:07 AM UTC" lang="en">5 minutes ago</time>',
    );
    const german = articleWith(
      (await get('/alice', 'bob').set('Accept-Language', 'de-DE,de;q=0.9,en;q=0.5')).text,
      'Public one',
    );
    expect(german).toMatch(
      /<time datetime="2026-03-04T05:06:07Z" title="4\. März 2026 um 05:06:07 UTC" lang="de(-DE)?">vor 5 Minuten<\/time>/,
    );
  });

  it.each([
    ['Public one', '<span class="to-public">Public</span>'],
    ['Followers one', '<span class="to-followers">Followers</span>'],
    ['List one', '>Friends</a>'],
    ['Person one', '<a class="to-person" href="/bob">bob</a>'],
  ])('marks %j with whom it was addressed to', async (text, marker) => {
    const article = articleWith((await get('/alice', 'alice')).text, text);
    const audience = /<p class="audience">([\s\S]*?)<\/p>/.exec(article)?.[1] ?? '';
    expect(audience).toContain('To:');
    expect(audience).toContain(marker);
  });
});
