import request from 'supertest';

import { asUser, createWebTestApp, h1s, type WebTestApp } from './web-test-app';

/**
 * Every page of a person, seen by each kind of visitor: the person themself, a follower, a stranger and nobody
 * (logged out). The header's own links must name the logged-in user (not the person whose page it is), and the
 * page offers exactly the actions that visitor can take.
 */
describe('person pages by role', () => {
  let web: WebTestApp;

  beforeAll(async () => {
    web = createWebTestApp();
    await web.register('alice');
    await web.register('bob');
    await web.register('carol');
    await web.post('bob', {
      verb: 'follow',
      object: { id: web.site.personId('alice'), objectType: 'person' },
    });
  });

  const get = (path: string, nickname: string | null) => asUser(request(web.app).get(path), nickname);
  const PAGES = ['/alice', '/alice/followers', '/alice/following', '/alice/favorites', '/alice/lists'];
  const ROLES: ReadonlyArray<[string, string | null]> = [
    ['owner', 'alice'],
    ['follower', 'bob'],
    ['stranger', 'carol'],
    ['logged out', null],
  ];
  const cases = PAGES.flatMap((path) => ROLES.map(([role, nickname]) => [path, role, nickname] as const));

  it.each(cases)(
    'GET %s as %s links the header to the visitor and never to /undefined',
    async (path, _role, who) => {
      const res = await get(path, who);
      expect(res.status).toBe(200);
      expect(h1s(res.text)).toHaveLength(1);
      expect(res.text).not.toContain('undefined');
      const nav = /<nav class="site-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(res.text)?.[1] ?? '';
      if (who === null) {
        expect(nav).toContain('href="/main/login"');
        expect(nav).not.toContain('My profile');
      } else {
        expect(nav).toContain(`<a href="/${who}">My profile</a>`);
        expect(nav).toContain(`<a href="/${who}/lists">My lists</a>`);
      }
    },
  );

  it.each(ROLES)(
    'the profile page as %s offers Follow only to a logged-in visitor who is not alice',
    async (role, who) => {
      const res = await get('/alice', who);
      const follow = res.text.includes('id="follow"');
      const unfollow = res.text.includes('id="unfollow"');
      expect({ follow, unfollow }).toEqual({
        follow: role === 'stranger',
        unfollow: role === 'follower',
      });
    },
  );

  it.each(ROLES)('the lists page as %s offers the new-list form to its owner only', async (role, who) => {
    const res = await get('/alice/lists', who);
    expect(res.text.includes('id="create-list"')).toBe(role === 'owner');
  });
});
