import express from 'express';
import request from 'supertest';

import {
  canonicalHostRedirect,
  type CanonicalHostOptions,
} from '../../../src/adapters/http/canonical-host.middleware';
import { SiteUrls } from '../../../src/domain/site/site-urls';

function app(options: Omit<CanonicalHostOptions, 'site'>, base = 'http://localhost:4815') {
  const server = express();
  server.use(canonicalHostRedirect({ site: SiteUrls.fromBaseUrl(base), ...options }));
  server.get(/.*/, (_req, res) => {
    res.send('ok');
  });
  return server;
}

describe('canonicalHostRedirect', () => {
  it('passes the canonical host, in any case', async () => {
    expect((await request(app({})).get('/api/x').set('Host', 'localhost:4815')).status).toBe(200);
    expect((await request(app({})).get('/api/x').set('Host', 'LocalHost:4815')).status).toBe(200);
  });

  it('redirects another host with 301 to the same path and query on the public base URL', async () => {
    const res = await request(app({})).get('/api/users?count=2').set('Host', '127.0.0.1:4815');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('http://localhost:4815/api/users?count=2');
  });

  it('accepts the listening address unless redirectAddressToCanonical', async () => {
    const options = { address: '127.0.0.1', port: 4815 };
    expect((await request(app(options)).get('/').set('Host', '127.0.0.1:4815')).status).toBe(200);
    const strict = app({ ...options, redirectAddressToCanonical: true });
    expect((await request(strict).get('/').set('Host', '127.0.0.1:4815')).status).toBe(301);
  });

  it('serves the public hostname on the listening port when a proxy names another port and path', async () => {
    // pump.io's `address` defaults to the hostname, so a request reaching the node directly is served there.
    const behindProxy = app({ address: '127.0.0.1', port: 4815 }, 'http://localhost:2342/pumpio');
    expect((await request(behindProxy).get('/').set('Host', 'localhost:4815')).status).toBe(200);
    expect((await request(behindProxy).get('/').set('Host', 'localhost:2342')).status).toBe(200);
    const strict = app(
      { address: '127.0.0.1', port: 4815, redirectAddressToCanonical: true },
      'http://localhost:2342',
    );
    expect((await request(strict).get('/').set('Host', 'localhost:4815')).status).toBe(301);
  });

  it('accepts a default port written or omitted, and redirects to the path prefix', async () => {
    const site = app({}, 'https://pump.example/social');
    expect((await request(site).get('/').set('Host', 'pump.example')).status).toBe(200);
    expect((await request(site).get('/').set('Host', 'pump.example:443')).status).toBe(200);
    const res = await request(site).get('/a').set('Host', 'www.pump.example');
    expect(res.headers.location).toBe('https://pump.example/social/a');
  });

  it('does nothing when redirectToCanonical is false', async () => {
    expect(
      (
        await request(app({ redirectToCanonical: false }))
          .get('/')
          .set('Host', 'other')
      ).status,
    ).toBe(200);
  });
});
