import { isApiPath, routesTo, routesUnder } from '../../../../src/adapters/http/route-paths';

describe('route paths, matched as express routes them', () => {
  it.each([
    ['/api', true],
    ['/api/', true],
    ['/API/user/a', true],
    ['/Api/user/a/', true],
    ['/apis', false],
    ['/main/api', false],
    ['/', false],
  ])('isApiPath(%s) is %s', (path, expected) => {
    expect(isApiPath(path)).toBe(expected);
  });

  it('matches one route without regard to case or a trailing slash, and nothing longer', () => {
    expect(routesTo('/OAuth/Authorize/', '/oauth/authorize')).toBe(true);
    expect(routesTo('/oauth/authorize', '/oauth/authorize')).toBe(true);
    expect(routesTo('/oauth/authorizex', '/oauth/authorize')).toBe(false);
    expect(routesTo('/oauth/authorize/x', '/oauth/authorize')).toBe(false);
  });

  it('matches a prefix only at a segment boundary', () => {
    expect(routesUnder('/.WELL-KNOWN/webfinger', '/.well-known')).toBe(true);
    expect(routesUnder('/.well-knownx', '/.well-known')).toBe(false);
  });
});
