import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { parseFollowImport } from '../../../../src/domain/users/follow-import';

const site = SiteUrls.fromBaseUrl('https://our.example');

describe('parseFollowImport', () => {
  it('reads one person a line, in every form people write them, and says what is wrong with the others', () => {
    const text = [
      '# people I follow',
      'bob@far.example',
      '  acct:carol@far.example  ',
      '@dan@far.example',
      '',
      'https://far.example/api/user/erin/profile',
      'ann@our.example',
      'https://our.example/zoe',
      'https://our.example/api/user/yan/profile',
      'not an address',
      'https://our.example/api',
    ].join('\r\n');
    expect(parseFollowImport(text, site)).toEqual([
      { source: 'bob@far.example', personId: 'acct:bob@far.example' },
      { source: 'acct:carol@far.example', personId: 'acct:carol@far.example' },
      { source: '@dan@far.example', personId: 'acct:dan@far.example' },
      {
        source: 'https://far.example/api/user/erin/profile',
        personId: 'https://far.example/api/user/erin/profile',
      },
      { source: 'ann@our.example', personId: site.personId('ann') },
      { source: 'https://our.example/zoe', personId: site.personId('zoe') },
      { source: 'https://our.example/api/user/yan/profile', personId: site.personId('yan') },
      { source: 'not an address', error: expect.any(String) },
      { source: 'https://our.example/api', error: 'Not the address of a person on this server.' },
    ]);
  });

  it("takes the ids of a pump.io following collection's items, and of a bare JSON list", () => {
    const collection = JSON.stringify({
      displayName: 'Following',
      items: [{ id: 'acct:bob@far.example', objectType: 'person' }, { objectType: 'person' }],
    });
    expect(parseFollowImport(collection, site)).toEqual([
      { source: 'acct:bob@far.example', personId: 'acct:bob@far.example' },
      { source: 'item 2', error: 'No "id".' },
    ]);
    expect(parseFollowImport('["bob@far.example"]', site)).toEqual([
      { source: 'bob@far.example', personId: 'acct:bob@far.example' },
    ]);
  });

  it('refuses a whole input that is broken JSON or not a collection, with a clear invalid error', () => {
    expect(() => parseFollowImport('{"items": [', site)).toThrow(
      expect.objectContaining({ kind: 'invalid', code: 'follow-import.bad-json' }),
    );
    expect(() => parseFollowImport('{"totalItems": 3}', site)).toThrow(
      expect.objectContaining({ kind: 'invalid', code: 'follow-import.not-a-collection' }),
    );
  });

  it('answers nothing for an empty file, and cuts an absurdly long line short in its report', () => {
    expect(parseFollowImport('  \n\n', site)).toEqual([]);
    const [entry] = parseFollowImport(`${'x'.repeat(3000)}@far.example`, site);
    expect(entry).toEqual({ source: 'x'.repeat(80), error: 'Too long for an address.' });
  });
});
