import { DomainError } from '../../../../src/domain/errors/domain-error';
import { SiteUrls } from '../../../../src/domain/site/site-urls';

const testSite = SiteUrls.of({ hostname: 'localhost', port: 4815 });
const standardSite = SiteUrls.of({ hostname: 'pump.example', port: 443 });

describe('SiteUrls', () => {
  describe('the base URL H', () => {
    it('shows a non-standard port and uses http', () => {
      expect(testSite.base).toBe('http://localhost:4815');
      expect(testSite.scheme).toBe('http');
    });

    it('hides port 80 and uses http', () => {
      expect(SiteUrls.of({ hostname: 'pump.example', port: 80 }).base).toBe('http://pump.example');
    });

    it('hides port 443 and infers https from it', () => {
      expect(standardSite.base).toBe('https://pump.example');
    });

    it('takes an explicit scheme, showing the port when it is not the default of that scheme', () => {
      expect(SiteUrls.of({ hostname: 'pump.example', port: 8443, scheme: 'https' }).base).toBe(
        'https://pump.example:8443',
      );
    });

    it.each(['pump', '/pump', '/pump/', 'pump/'])('normalises the path prefix %p', (urlPath) => {
      const site = SiteUrls.of({ hostname: 'pump.example', port: 80, urlPath });
      expect(site.base).toBe('http://pump.example/pump');
      expect(site.url('api/users')).toBe('http://pump.example/pump/api/users');
    });

    it('lower-cases the host name', () => {
      expect(SiteUrls.of({ hostname: 'Pump.Example', port: 80 }).hostname).toBe('pump.example');
    });

    it('joins relative paths with exactly one slash', () => {
      expect(testSite.url('/main/login')).toBe('http://localhost:4815/main/login');
      expect(testSite.url('main/login')).toBe('http://localhost:4815/main/login');
      expect(testSite.url()).toBe('http://localhost:4815/');
    });
  });

  describe('fromBaseUrl', () => {
    it.each([
      ['http://localhost:4815', 'http://localhost:4815', 4815],
      ['https://pump.example', 'https://pump.example', 443],
      ['http://pump.example', 'http://pump.example', 80],
      ['HTTP://Pump.Example:80/social/', 'http://pump.example/social', 80],
    ])('reads %s', (input, base, port) => {
      const site = SiteUrls.fromBaseUrl(input);
      expect(site.base).toBe(base);
      expect(site.port).toBe(port);
    });

    it.each(['localhost:4815', 'ftp://x.org', 'http://', 'http://x.org?a=1', 'http://x.org:99999'])(
      'refuses %p',
      (input) => {
        expect(() => SiteUrls.fromBaseUrl(input)).toThrow(DomainError);
      },
    );
  });

  it.each([
    { hostname: '', port: 80 },
    { hostname: 'bad host', port: 80 },
    { hostname: 'x.org/evil', port: 80 },
    { hostname: 'x.org', port: 0 },
    { hostname: 'x.org', port: 80.5 },
    { hostname: 'x.org', port: 80, urlPath: 'a?b' },
  ])('refuses the address %p', (address) => {
    expect(() => SiteUrls.of(address)).toThrow(expect.objectContaining({ code: 'site.bad-address' }));
  });

  describe('person ids (docs/protocol.md §1.3)', () => {
    it('uses the profile URL on a non-standard port', () => {
      expect(testSite.usesAcctIds).toBe(false);
      expect(testSite.personId('crab')).toBe('http://localhost:4815/api/user/crab/profile');
    });

    it.each([80, 443])('uses acct:nick@host on port %d', (port) => {
      const site = SiteUrls.of({ hostname: 'pump.example', port });
      expect(site.usesAcctIds).toBe(true);
      expect(site.personId('crab')).toBe('acct:crab@pump.example');
    });
  });

  it('forms the user URLs', () => {
    expect(testSite.profileApiUrl('bob')).toBe('http://localhost:4815/api/user/bob/profile');
    expect(testSite.userApiUrl('bob')).toBe('http://localhost:4815/api/user/bob');
    expect(testSite.profilePageUrl('bob')).toBe('http://localhost:4815/bob');
    expect(testSite.userFeedUrl('bob', 'feed')).toBe('http://localhost:4815/api/user/bob/feed');
    expect(testSite.userFeedUrl('bob', 'inbox/direct/major')).toBe(
      'http://localhost:4815/api/user/bob/inbox/direct/major',
    );
    expect(testSite.userFeedUrl('bob', 'lists/person')).toBe(
      'http://localhost:4815/api/user/bob/lists/person',
    );
    expect(testSite.followersCollectionId('bob')).toBe('http://localhost:4815/api/user/bob/followers');
  });

  it('forms object ids, pages and feeds, with other for unknown types and list for collections', () => {
    expect(testSite.objectId('note', 'AbC-_9')).toBe('http://localhost:4815/api/note/AbC-_9');
    expect(testSite.objectId('thing', 'u1')).toBe('http://localhost:4815/api/other/u1');
    expect(testSite.objectPageUrl('bob', 'note', 'u1')).toBe('http://localhost:4815/bob/note/u1');
    expect(testSite.objectPageUrl('bob', 'collection', 'u1')).toBe('http://localhost:4815/bob/list/u1');
    expect(testSite.objectPageUrl('bob', 'thing', 'u1')).toBe('http://localhost:4815/bob/other/u1');
    expect(testSite.objectFeedUrl('note', 'u1', 'replies')).toBe('http://localhost:4815/api/note/u1/replies');
    expect(testSite.objectFeedUrl('group', 'g1', 'members')).toBe(
      'http://localhost:4815/api/group/g1/members',
    );
  });

  it('forms the URL of an object stored under a foreign id, encoding the id', () => {
    expect(testSite.foreignObjectUrl('note', 'tag:x.org,2020:a b&c')).toBe(
      'http://localhost:4815/api/note?id=tag%3Ax.org%2C2020%3Aa%20b%26c',
    );
  });

  it('forms activity ids and pages', () => {
    expect(testSite.activityId('u1')).toBe('http://localhost:4815/api/activity/u1');
    expect(testSite.activityPageUrl('bob', 'u1')).toBe('http://localhost:4815/bob/activity/u1');
  });

  it('decides locality by host, as pump.io does', () => {
    expect(testSite.isLocalId('http://localhost:4815/api/note/u1')).toBe(true);
    expect(testSite.isLocalId('https://LOCALHOST/anything')).toBe(true);
    expect(standardSite.isLocalId('acct:bob@pump.example')).toBe(true);
    expect(testSite.isLocalId('http://remote.example/api/note/u1')).toBe(false);
    expect(testSite.isLocalId('urn:uuid:1')).toBe(false);
  });

  it('finds the nickname of a local person id in either form', () => {
    expect(testSite.nicknameOfPersonId('http://localhost:4815/api/user/bob/profile')).toBe('bob');
    expect(standardSite.nicknameOfPersonId('acct:bob@pump.example')).toBe('bob');
    expect(testSite.nicknameOfPersonId('http://localhost:4815/api/user/bob')).toBeNull();
    expect(testSite.nicknameOfPersonId('acct:bob@elsewhere.example')).toBeNull();
  });

  it('is frozen, so no caller can change the URLs another caller forms', () => {
    const site = SiteUrls.of({ hostname: 'localhost', port: 4815 });
    expect(() => {
      (site as { base: string }).base = 'http://evil.example';
    }).toThrow(TypeError);
    expect(site.base).toBe('http://localhost:4815');
  });
});
