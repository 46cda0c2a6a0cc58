import { normalizeUrlPath, publicBaseUrl } from '../../../../src/infrastructure/config/pumphouse-config';

describe('publicBaseUrl', () => {
  it.each([
    [{ hostname: 'localhost', urlPort: 31337, urlPath: '', tls: false }, 'http://localhost:31337'],
    [{ hostname: 'pump.example', urlPort: 80, urlPath: '', tls: false }, 'http://pump.example'],
    // A proxy in front ends TLS: urlPort 443 alone means https, as in pump.io.
    [{ hostname: 'pump.example', urlPort: 443, urlPath: '', tls: false }, 'https://pump.example'],
    // Pumphouse serving TLS itself on another port is https too (pump.io would say http).
    [{ hostname: 'pump.example', urlPort: 8443, urlPath: '', tls: true }, 'https://pump.example:8443'],
    [{ hostname: 'pump.example', urlPort: 80, urlPath: '', tls: true }, 'https://pump.example:80'],
    [
      { hostname: 'pump.example', urlPort: 443, urlPath: '/social', tls: true },
      'https://pump.example/social',
    ],
    [{ hostname: '::1', urlPort: 8000, urlPath: '', tls: false }, 'http://[::1]:8000'],
  ])('%j is %s', (options, expected) => {
    expect(publicBaseUrl(options)).toBe(expected);
  });
});

describe('normalizeUrlPath', () => {
  it.each([
    [undefined, ''],
    ['', ''],
    ['/', ''],
    ['pump', '/pump'],
    ['/pump/', '/pump'],
    ['a/b', '/a/b'],
  ])('%j becomes %j', (input, expected) => {
    expect(normalizeUrlPath(input)).toBe(expected);
  });
});
