import {
  domainOf,
  isDiscoverableId,
  isNeverContactedHost,
  protocolOf,
} from '../../../../src/domain/activity-streams/object-ids';

describe('object ids', () => {
  it('reads the scheme of an id', () => {
    expect(protocolOf('HTTPS://x.org/a')).toBe('https');
    expect(protocolOf('acct:bob@x.org')).toBe('acct');
    expect(protocolOf('no-scheme')).toBeNull();
  });

  it.each([
    ['http://Social.Example:8000/api/note/1', 'social.example'],
    ['https://user:pw@x.org/path', 'x.org'],
    ['acct:bob@Pump.Example', 'pump.example'],
    ['mailto:bob@mail.example', 'mail.example'],
    ['tag:example.org,2005:note-1', 'example.org'],
    ['tag:bob@example.org,2005:note-1', 'example.org'],
  ])('finds the host of %s', (id, host) => {
    expect(domainOf(id)).toBe(host);
  });

  it.each(['urn:uuid:1234', 'acct:', 'plain', 'http://'])('finds no host in %p', (id) => {
    expect(domainOf(id)).toBeNull();
  });

  it.each(['example.com', 'EXAMPLE.org', 'example.net', 'activityschema.org', 'foo.example', 'bar.invalid'])(
    'never contacts %s',
    (host) => {
      expect(isNeverContactedHost(host)).toBe(true);
    },
  );

  it('contacts ordinary hosts', () => {
    expect(isNeverContactedHost('pump.social')).toBe(false);
    expect(isNeverContactedHost('myexample.com')).toBe(false);
  });

  it('allows discovery of http(s) and acct ids on contactable hosts only', () => {
    expect(isDiscoverableId('acct:bob@pump.social')).toBe(true);
    expect(isDiscoverableId('https://pump.social/api/user/bob/profile')).toBe(true);
    expect(isDiscoverableId('http://activityschema.org/collection/public')).toBe(false);
    expect(isDiscoverableId('acct:bob@example.com')).toBe(false);
    expect(isDiscoverableId('mailto:bob@pump.social')).toBe(false);
    expect(isDiscoverableId('tag:pump.social,2020:x')).toBe(false);
  });
});
