import request from 'supertest';

import { asUser, createWebTestApp, type WebTestApp } from './web-test-app';

/** The `<li>` items of the page's list of people. */
function peopleOf(html: string): string[] {
  const list = /<ul class="people">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return list.match(/<li[^>]*>[\s\S]*?<\/li>/g) ?? [];
}

describe('followers and following pages', () => {
  let web: WebTestApp;

  beforeAll(async () => {
    web = createWebTestApp();
    for (const nickname of ['alice', 'bob', 'carol']) await web.register(nickname);
    await web.post('bob', {
      verb: 'update',
      object: {
        id: web.site.personId('bob'),
        objectType: 'person',
        displayName: 'Bob Builder',
        image: { url: 'https://images.example/bob.png', width: 96, height: 96 },
      },
    });
    for (const follower of ['bob', 'carol']) {
      await web.post(follower, {
        verb: 'follow',
        object: { id: web.site.personId('alice'), objectType: 'person' },
      });
    }
    await web.post('alice', {
      verb: 'follow',
      object: { id: web.site.personId('bob'), objectType: 'person' },
    });
  });

  const get = (path: string, nickname: string | null) => asUser(request(web.app).get(path), nickname);

  it.each([null, 'alice', 'carol'])(
    "shows each follower's avatar (or a placeholder), display name and webfinger id, as %s",
    async (who) => {
      const people = peopleOf((await get('/alice/followers', who)).text);
      expect(people).toHaveLength(2);
      const bob = people.find((item) => item.includes('Bob Builder')) ?? '';
      expect(bob).toMatch(
        /<img class="avatar" src="https:\/\/images.example\/bob.png" alt="" width="48" height="48"\/?>/,
      );
      expect(bob).toContain('<a class="person" href="/bob">Bob Builder</a>');
      expect(bob).toContain('<span class="webfinger">bob@localhost</span>');
      const carol = people.find((item) => item.includes('href="/carol"')) ?? '';
      expect(carol).toMatch(
        /<img class="avatar placeholder" src="\/public\/images\/avatar.svg" alt="" width="48" height="48"\/?>/,
      );
      expect(carol).toContain('<span class="webfinger">carol@localhost</span>');
    },
  );

  it('shows whom a person follows the same way', async () => {
    const [bob] = peopleOf((await get('/alice/following', null)).text);
    expect(bob).toContain('src="https://images.example/bob.png"');
    expect(bob).toContain('<span class="webfinger">bob@localhost</span>');
  });
});
