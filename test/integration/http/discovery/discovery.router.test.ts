import express from 'express';
import request from 'supertest';

import { discoveryFeature } from '../../../../src/adapters/http/discovery/discovery.router';
import { errorHandler, noRouteHandler } from '../../../../src/adapters/http/error-handler.middleware';
import { assembleFeatures } from '../../../../src/adapters/http/route-assembly';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { ResolveResource } from '../../../../src/application/discovery/resolve-resource.use-case';
import { localPerson } from '../../../../src/domain/site/local-person';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';
import { RecordingLogger } from '../recording-logger';

const H = 'http://localhost:4815';
const site = SiteUrls.fromBaseUrl(H);
const storage = createMemoryStorage({ clock: new FakeClock() });
const app = express();
app.use(assembleFeatures([discoveryFeature({ resolveResource: new ResolveResource(storage, site) })]));
app.use(noRouteHandler);
app.use(errorHandler(new RecordingLogger()));

const USER_LINKS = [
  { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: `${H}/alice` },
  { rel: 'dialback', href: `${H}/api/dialback` },
  { rel: 'self', href: `${H}/api/user/alice/profile` },
  { rel: 'activity-inbox', href: `${H}/api/user/alice/inbox` },
  { rel: 'activity-outbox', href: `${H}/api/user/alice/feed` },
  { rel: 'followers', href: `${H}/api/user/alice/followers` },
  { rel: 'following', href: `${H}/api/user/alice/following` },
  { rel: 'favorites', href: `${H}/api/user/alice/favorites` },
  { rel: 'lists', href: `${H}/api/user/alice/lists/person` },
];
const NOTE = `${H}/api/note/abc`;

beforeAll(async () => {
  await storage.users.create({
    nickname: 'alice',
    passwordHash: '$2a$04$x',
    profileId: site.personId('alice'),
    published: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
  });
  await storage.objects.save(localPerson(site, 'alice'));
  await storage.objects.save({
    id: NOTE,
    objectType: 'note',
    links: { self: { href: NOTE } },
    likes: { url: `${NOTE}/likes` },
    replies: { url: `${NOTE}/replies` },
  });
});

describe('GET /.well-known/webfinger', () => {
  it.each([
    'acct:alice@localhost',
    'alice@localhost',
    'acct:alice@LOCALHOST:9999',
    `${H}/api/user/alice/profile`,
  ])('answers the nine user links for %s', async (resource) => {
    const res = await request(app).get('/.well-known/webfinger').query({ resource });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ links: USER_LINKS });
  });

  it('answers the links of a stored object: its links map, then its collections in order', async () => {
    const res = await request(app).get('/.well-known/webfinger').query({ resource: NOTE });
    expect(res.body).toEqual({
      links: [
        { rel: 'self', href: NOTE },
        { rel: 'replies', href: `${NOTE}/replies` },
        { rel: 'likes', href: `${NOTE}/likes` },
      ],
    });
  });

  it.each([
    ['', 400, 'No resource parameter'],
    ['?resource=', 404, 'Unrecognized host'],
    ['?resource=acct:alice@elsewhere.example', 404, 'Unrecognized host'],
    ['?resource=acct:nobody@localhost', 404, 'No such user: nobody'],
    [`?resource=${encodeURIComponent(`${H}/alice`)}`, 404, 'Unknown object type'],
    [
      `?resource=${encodeURIComponent(`${H}/api/note/missing`)}`,
      404,
      `No such object: ${H}/api/note/missing`,
    ],
    ['?resource=a&resource=b', 400, 'No resource parameter'],
  ])('answers %s with %i as JSON', async (query, status, error) => {
    const res = await request(app).get(`/.well-known/webfinger${query}`);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ error });
  });
});

describe('GET /.well-known/webfinger for ActivityPub servers (Accept: application/jrd+json)', () => {
  const ACTOR_LINK = { rel: 'self', type: 'application/activity+json', href: `${H}/alice` };

  it.each(['application/jrd+json', 'application/jrd+json, application/json'])(
    "answers the subject and pump.io's links followed by the actor link to %s",
    async (accept) => {
      const res = await request(app)
        .get('/.well-known/webfinger')
        .set('Accept', accept)
        .query({ resource: 'acct:alice@localhost' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/jrd+json; charset=utf-8');
      expect(res.headers.vary).toMatch(/Accept/);
      expect(JSON.parse(res.text)).toEqual({
        subject: 'acct:alice@localhost',
        links: [...USER_LINKS, ACTOR_LINK],
      });
    },
  );

  it.each([undefined, 'application/json', '*/*'])(
    "keeps exactly pump.io's nine links for Accept %s",
    async (accept) => {
      const call = request(app).get('/.well-known/webfinger').query({ resource: 'acct:alice@localhost' });
      const res = await (accept === undefined ? call : call.set('Accept', accept));
      expect(res.body).toEqual({ links: USER_LINKS });
    },
  );

  it('answers the same errors as JSON', async () => {
    const res = await request(app)
      .get('/.well-known/webfinger')
      .set('Accept', 'application/jrd+json')
      .query({ resource: 'acct:nobody@localhost' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'No such user: nobody' });
  });
});

describe('GET /api/lrdd', () => {
  it('answers XRD without an Accept header', async () => {
    const res = await request(app)
      .get('/api/lrdd')
      .query({ resource: 'acct:alice@localhost' })
      .unset('Accept');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xrd+xml');
    const xml = res.text || (res.body as Buffer).toString('utf8');
    expect(xml).toContain(`<Link rel="self" href="${H}/api/user/alice/profile" />`);
    expect(xml.match(/<Link /g)).toHaveLength(9);
  });

  it('answers JSON when Accept allows it, and JSON errors', async () => {
    const res = await request(app)
      .get('/api/lrdd?resource=acct:alice@localhost')
      .set('Accept', 'application/json');
    expect(res.body).toEqual({ links: USER_LINKS });
    const missing = await request(app).get('/api/lrdd');
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'No resource parameter' });
  });
});
