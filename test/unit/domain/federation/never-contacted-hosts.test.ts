import { hostOfResource, isNeverContacted } from '../../../../src/domain/federation/never-contacted-hosts';

describe('isNeverContacted', () => {
  test.each([
    'social.example',
    'a.b.EXAMPLE',
    'x.invalid',
    'example.com',
    'example.org:8080',
    'example.net.',
  ])('%s is never contacted', (host) => expect(isNeverContacted(host)).toBe(true));
  test.each(['b.test', 'example.community', 'myexample.com', 'pump.example.com.au'])('%s may be', (host) =>
    expect(isNeverContacted(host)).toBe(false),
  );
});

describe('hostOfResource', () => {
  test.each([
    ['acct:bob@B.test', 'b.test'],
    ['acct:bob@b.test:8080', 'b.test:8080'],
    ['https://b.test/api/user/bob/profile', 'b.test'],
    ['http://b.test:80/api/note/1', 'b.test'],
    ['http://b.test:8000/x', 'b.test:8000'],
  ])('%s is asked at %s', (resource, host) => expect(hostOfResource(resource)).toBe(host));
  test.each(['acct:bob', 'acct:bob@', 'mailto:bob@b.test', 'ftp://b.test/x', 'acct:bob@b test', 'urn:x'])(
    '%s names no host',
    (resource) => expect(hostOfResource(resource)).toBeNull(),
  );
});
