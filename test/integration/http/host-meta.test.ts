import request from 'supertest';

import { createHttpApp } from '../../../src/adapters/http/http-app.factory';
import { RecordingLogger } from './recording-logger';

const BASE = 'https://pump.example/social';
const app = createHttpApp({
  publicBaseUrl: BASE,
  logger: new RecordingLogger(),
  store: { probeWrite: async () => undefined },
});

const EXPECTED_LINKS = [
  { rel: 'lrdd', type: 'application/xrd+xml', template: `${BASE}/api/lrdd?resource={uri}` },
  { rel: 'lrdd', type: 'application/json', template: `${BASE}/.well-known/webfinger?resource={uri}` },
  { rel: 'registration_endpoint', href: `${BASE}/api/client/register` },
  { rel: 'http://apinamespace.org/oauth/request_token', href: `${BASE}/oauth/request_token` },
  { rel: 'http://apinamespace.org/oauth/authorize', href: `${BASE}/oauth/authorize` },
  { rel: 'http://apinamespace.org/oauth/access_token', href: `${BASE}/oauth/access_token` },
  { rel: 'dialback', href: `${BASE}/api/dialback` },
  { rel: 'http://apinamespace.org/activitypub/whoami', href: `${BASE}/api/whoami` },
];

/** The Link elements of an XRD document as attribute maps, in document order. */
function xrdLinks(xml: string): Record<string, string>[] {
  return [...xml.matchAll(/<Link ([^>]*?)\s*\/>/g)].map((match) =>
    Object.fromEntries(
      [...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2].replace(/&amp;/g, '&')]),
    ),
  );
}

describe('GET /.well-known/host-meta', () => {
  it('answers XRD without an Accept header', async () => {
    const res = await request(app).get('/.well-known/host-meta').unset('Accept');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xrd+xml');
    const xml = res.text || (res.body as Buffer).toString('utf8');
    expect(xml.startsWith("<?xml version='1.0' encoding='UTF-8'?>\n")).toBe(true);
    expect(xml).toContain("<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>");
    expect(xml.trimEnd().endsWith('</XRD>')).toBe(true);
    expect(xrdLinks(xml)).toEqual(EXPECTED_LINKS);
    // Attribute order is rel, type, then template or href, as pump.io writes it.
    expect(xml).toContain(
      `<Link rel="lrdd" type="application/xrd+xml" template="${BASE}/api/lrdd?resource={uri}" />`,
    );
  });

  it('answers XRD to an Accept header that does not accept JSON', async () => {
    const res = await request(app).get('/.well-known/host-meta').set('Accept', 'application/xrd+xml');
    expect(res.headers['content-type']).toBe('application/xrd+xml');
  });

  it.each(['application/json', '*/*', 'text/html, application/json;q=0.5'])(
    'answers JSON to Accept: %s',
    async (accept) => {
      const res = await request(app).get('/.well-known/host-meta').set('Accept', accept);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toEqual({ links: EXPECTED_LINKS });
    },
  );
});

describe('GET /.well-known/host-meta.json', () => {
  it.each([undefined, 'application/xrd+xml'])('is always JSON (Accept: %s)', async (accept) => {
    const req = request(app).get('/.well-known/host-meta.json');
    const res = await (accept === undefined ? req.unset('Accept') : req.set('Accept', accept));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ links: EXPECTED_LINKS });
    // Key order matters to byte-comparing clients: rel, type, then template or href.
    expect(Object.keys(res.body.links[0])).toEqual(['rel', 'type', 'template']);
  });
});

describe('every response', () => {
  it('has no X-Powered-By header', async () => {
    const res = await request(app).get('/.well-known/host-meta.json');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
