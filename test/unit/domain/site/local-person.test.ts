import { localPerson } from '../../../../src/domain/site/local-person';
import { SiteUrls } from '../../../../src/domain/site/site-urls';

describe('the local person object (docs/protocol.md §3.6)', () => {
  it('carries the id, names, page, links and feeds of the user', () => {
    const site = SiteUrls.of({ hostname: 'localhost', port: 4815 });
    expect(localPerson(site, 'crab')).toEqual({
      id: 'http://localhost:4815/api/user/crab/profile',
      objectType: 'person',
      preferredUsername: 'crab',
      displayName: 'crab',
      url: 'http://localhost:4815/crab',
      links: {
        self: { href: 'http://localhost:4815/api/user/crab/profile' },
        'activity-inbox': { href: 'http://localhost:4815/api/user/crab/inbox' },
        'activity-outbox': { href: 'http://localhost:4815/api/user/crab/feed' },
      },
      followers: { url: 'http://localhost:4815/api/user/crab/followers' },
      following: { url: 'http://localhost:4815/api/user/crab/following' },
      favorites: { url: 'http://localhost:4815/api/user/crab/favorites' },
      lists: { url: 'http://localhost:4815/api/user/crab/lists/person' },
    });
  });

  it('uses the acct: id on a standard port and has no published date', () => {
    const person = localPerson(SiteUrls.of({ hostname: 'pump.example', port: 443 }), 'crab');
    expect(person.id).toBe('acct:crab@pump.example');
    expect(person.url).toBe('https://pump.example/crab');
    expect(person).not.toHaveProperty('published');
  });
});
