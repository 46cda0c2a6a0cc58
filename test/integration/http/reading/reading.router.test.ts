import express, { type Express } from 'express';
import request from 'supertest';

import type { ReadingRepositories } from '../../../../src/application/reading/reading-repositories';
import { errorHandler, noRouteHandler } from '../../../../src/adapters/http/error-handler.middleware';
import { readingFeature } from '../../../../src/adapters/http/reading/reading.router';
import { assembleFeatures } from '../../../../src/adapters/http/route-assembly';
import {
  favoritersStreamName,
  sharesStreamName,
  userStreamName,
} from '../../../../src/domain/distribution/stream-names';
import { readingUseCases } from '../../../support/http/reading-use-cases';
import { TrustingAuthenticator } from '../../../support/http/trusting-authenticator';
import { castOfFive, type ReadingWorld, site } from '../../../unit/application/reading/reading-fixtures';
import { RecordingLogger } from '../recording-logger';

function appOver(repositories: ReadingRepositories): Express {
  const app = express();
  app.use(express.json());
  const reading = readingFeature({
    authenticator: new TrustingAuthenticator(site),
    site,
    repositories,
    useCases: readingUseCases(repositories, site),
  });
  // Stands for the features of other scopes: their routes must still be reached.
  const others = {
    name: 'others',
    routes: ['/api/users', '/api/whoami', '/api/user/:nickname', '/api/client/register'].map((path) => ({
      method: 'GET' as const,
      path,
      handlers: [
        (_req: express.Request, res: express.Response) => void res.json({ reached: 'other router' }),
      ],
    })),
  };
  app.use(assembleFeatures([reading, others]));
  app.use(noRouteHandler);
  app.use(errorHandler(new RecordingLogger()));
  return app;
}

/** Counts every call made to the repositories, by `repository.method`. */
function counting(repositories: ReadingRepositories): {
  repositories: ReadingRepositories;
  calls: Map<string, number>;
} {
  const calls = new Map<string, number>();
  const wrap = <T extends object>(name: string, target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const key = `${name}.${String(property)}`;
          calls.set(key, (calls.get(key) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  return {
    calls,
    repositories: {
      users: wrap('users', repositories.users),
      objects: wrap('objects', repositories.objects),
      activities: wrap('activities', repositories.activities),
      streams: wrap('streams', repositories.streams),
      follows: wrap('follows', repositories.follows),
    },
  };
}

describe('reading router', () => {
  let world: ReadingWorld;
  let app: Express;

  beforeEach(async () => {
    ({ world } = await castOfFive());
    app = appOver(world.repositories);
  });

  it('serves an object as AS1 JSON with its author, feeds and the viewer’s facts', async () => {
    const { object } = await world.post('alice', { to: [world.public] });
    await world.storage.streams.append(favoritersStreamName(object.id), world.personId('bob'));
    const res = await request(app)
      .get(`/api/note/${String(object._uuid)}`)
      .set('X-Test-User', 'bob');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({
      id: object.id,
      objectType: 'note',
      author: { id: world.personId('alice'), preferredUsername: 'alice' },
      links: { self: { href: object.id } },
      likes: { url: `${object.id}/likes`, totalItems: 1, items: [{ id: world.personId('bob') }] },
      replies: { url: `${object.id}/replies`, totalItems: 0 },
      shares: { url: `${object.id}/shares`, totalItems: 0 },
      liked: true,
      pump_io: { shared: false },
    });
    expect(res.body._uuid).toBeUndefined();

    const anonymous = await request(app).get(`/api/note/${String(object._uuid)}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.liked).toBeUndefined();
  });

  it('answers 403, 404 and 410 as JSON errors', async () => {
    const { object } = await world.post('alice', { cc: [world.followers('alice')] });
    const uuid = String(object._uuid);
    expect((await request(app).get(`/api/note/${uuid}`).set('X-Test-User', 'eve')).status).toBe(403);
    expect((await request(app).get(`/api/note/${uuid}`)).status).toBe(403);
    expect((await request(app).get('/api/note/missing').set('X-Test-User', 'eve')).status).toBe(404);
    const unknownType = await request(app).get('/api/wibble/abc');
    expect(unknownType.status).toBe(404);
    expect(unknownType.body).toEqual({ error: 'Unknown type: wibble' });
    await world.deleteObject(object);
    const deleted = await request(app).get(`/api/note/${uuid}`).set('X-Test-User', 'alice');
    expect(deleted.status).toBe(410);
    expect(deleted.body).toEqual({ error: 'Deleted' });
  });

  it('shows bto and bcc to the actor only, and omits the object’s author on a post', async () => {
    const { activity } = await world.post(
      'alice',
      { bto: [world.person('dave')], bcc: [world.person('carol')] },
      ['dave', 'carol'],
    );
    const path = `/api/activity/${String(activity._uuid)}`;
    const byAlice = await request(app).get(path).set('X-Test-User', 'alice');
    expect(byAlice.status).toBe(200);
    expect(byAlice.body.bto).toEqual([
      expect.objectContaining({ id: world.personId('dave'), preferredUsername: 'dave' }),
    ]);
    expect(byAlice.body.bcc).toEqual([expect.objectContaining({ id: world.personId('carol') })]);
    expect(byAlice.body.actor).toMatchObject({ id: world.personId('alice'), displayName: 'alice' });
    expect(byAlice.body.object.author).toBeUndefined();
    expect(byAlice.body.object.content).toMatch(/^note /);
    for (const nickname of ['dave', 'carol']) {
      const seen = await request(app).get(path).set('X-Test-User', nickname);
      expect(seen.status).toBe(200);
      expect(seen.body.bto).toBeUndefined();
      expect(seen.body.bcc).toBeUndefined();
      const inbox = await request(app)
        .get('/api/user/' + nickname + '/inbox')
        .set('X-Test-User', nickname);
      expect(inbox.body.items[0].id).toBe(activity.id);
      expect(inbox.body.items[0].bto).toBeUndefined();
    }
    expect((await request(app).get(path).set('X-Test-User', 'bob')).status).toBe(403);
  });

  it('keeps an inbox to its owner and pages it with links', async () => {
    const posted: string[] = [];
    for (let i = 0; i < 5; i += 1)
      posted.unshift((await world.post('alice', { to: [world.public] }, ['bob'])).activity.id);
    expect((await request(app).get('/api/user/bob/inbox')).status).toBe(401);
    expect((await request(app).get('/api/user/bob/inbox').set('X-Test-User', 'alice')).status).toBe(401);
    const res = await request(app).get('/api/user/bob/inbox?count=2').set('X-Test-User', 'bob');
    expect(res.status).toBe(200);
    const url = site.userFeedUrl('bob', 'inbox');
    expect(res.body).toMatchObject({
      displayName: 'Activities for bob',
      objectTypes: ['activity'],
      url,
      totalItems: 5,
      author: { id: world.personId('bob'), followers: { totalItems: 0 }, following: { totalItems: 1 } },
      links: {
        first: { href: url },
        self: { href: url },
        prev: { href: `${url}?since=${encodeURIComponent(posted[0])}` },
        next: { href: `${url}?before=${encodeURIComponent(posted[1])}` },
      },
    });
    expect(res.body.items.map((item: { id: string }) => item.id)).toEqual(posted.slice(0, 2));
    const next = await request(app)
      .get(`/api/user/bob/inbox?count=2&before=${encodeURIComponent(posted[1])}`)
      .set('X-Test-User', 'bob');
    expect(next.body.items.map((item: { id: string }) => item.id)).toEqual(posted.slice(2, 4));
    const last = await request(app).get('/api/user/bob/inbox?offset=4').set('X-Test-User', 'bob');
    expect(last.body.items.map((item: { id: string }) => item.id)).toEqual([posted[4]]);
    expect(last.body.links.next).toBeUndefined();
  });

  it.each([
    ['count=201'],
    ['count=-1'],
    ['count=abc'],
    ['count=1&count=2'],
    ['offset=x'],
    ['before='],
    ['before=a&since=b'],
    ['offset=1&before=a'],
    ['before=not-in-the-stream'],
  ])('answers 400 with a JSON error for a bad page: %s', async (query) => {
    await world.post('alice', { to: [world.public] });
    const res = await request(app).get(`/api/user/alice/feed?${query}`).set('X-Test-User', 'alice');
    expect(res.status).toBe(400);
    expect(typeof res.body.error).toBe('string');
  });

  it('serves the object feeds, and the ?id= forms of foreign ids', async () => {
    const { object } = await world.post('alice', { to: [world.public] }, [], {
      id: 'tag:example.org,2026:n1',
    });
    const byId = await request(app).get(`/api/note?id=${encodeURIComponent(object.id)}`);
    expect(byId.status).toBe(200);
    const likesUrl = `${site.url('api/note/likes')}?id=${encodeURIComponent(object.id)}`;
    expect(byId.body.likes.url).toBe(likesUrl);
    expect(byId.body.links.self.href).toBe(site.foreignObjectUrl('note', object.id));
    const likes = await request(app).get(`/api/note/likes?id=${encodeURIComponent(object.id)}`);
    expect(likes.status).toBe(200);
    expect(likes.body).toMatchObject({ url: likesUrl, totalItems: 0, items: [] });
    expect((await request(app).get('/api/note/likes')).status).toBe(400);
    expect((await request(app).get('/api/note')).status).toBe(400);
  });

  it('leaves the routes of other scopes alone', async () => {
    for (const path of ['/api/users', '/api/whoami', '/api/user/alice', '/api/client/register']) {
      const res = await request(app).get(path);
      expect(res.body).toEqual({ reached: 'other router' });
    }
  });

  it('decorates a 20-item favorites page with a fixed number of storage calls, however many objects', async () => {
    const authors = ['alice', 'carol', 'dave', 'eve'];
    for (let i = 0; i < 25; i += 1) {
      const { object } = await world.post(authors[i % 4], { to: [world.public] });
      await world.post(authors[(i + 1) % 4], { to: [world.public] }, [], {
        objectType: 'comment',
        inReplyTo: { id: object.id, objectType: 'note' },
      });
      await world.storage.streams.append(favoritersStreamName(object.id), world.personId('bob'));
      await world.storage.streams.append(favoritersStreamName(object.id), world.personId('carol'));
      await world.storage.streams.append(sharesStreamName(object.id), world.personId('dave'));
      await world.storage.streams.append(userStreamName('bob', 'favorites'), object.id);
    }
    const { repositories, calls } = counting(world.repositories);
    const res = await request(appOver(repositories)).get('/api/user/bob/favorites').set('X-Test-User', 'bob');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(20);
    for (const item of res.body.items) {
      expect(item).toMatchObject({ liked: true, pump_io: { shared: false } });
      expect(item.likes.items).toHaveLength(2);
      expect(item.shares.items).toHaveLength(1);
      expect(item.replies.items).toHaveLength(1);
    }
    // Per object there are no calls: counts, first items, liked/shared and inline replies go in batches.
    for (const perObject of ['streams.contains', 'streams.page', 'follows.isFollowing']) {
      expect(calls.get(perObject) ?? 0).toBeLessThanOrEqual(2);
    }
    expect(calls.get('streams.newestOfMany') ?? 0).toBeLessThanOrEqual(2);
    expect(calls.get('streams.holdingItem') ?? 0).toBeLessThanOrEqual(1);
    expect(calls.get('streams.countMany') ?? 0).toBeLessThanOrEqual(3);
    expect(calls.get('objects.findManyByIds') ?? 0).toBeLessThanOrEqual(8);
    // Judging the favorites and their inline replies: the creations are read in batches, not one per object.
    expect(calls.get('activities.findCreation') ?? 0).toBe(0);
    expect(calls.get('activities.findCreations') ?? 0).toBeLessThanOrEqual(2);
  });

  it('marks followed persons on a followers page with one follow-graph call', async () => {
    for (const nickname of ['carol', 'dave', 'eve']) await world.follow(nickname, 'bob');
    await world.follow('alice', 'carol');
    const { repositories, calls } = counting(world.repositories);
    const res = await request(appOver(repositories))
      .get('/api/user/bob/followers')
      .set('X-Test-User', 'alice');
    expect(
      res.body.items.map((person: { pump_io: { followed: boolean } }) => person.pump_io.followed),
    ).toEqual([false, false, true]);
    expect(calls.get('follows.isFollowing') ?? 0).toBe(0);
    // One for the page's items, one for its owner (the collection's author).
    expect(calls.get('follows.followedAmong')).toBe(2);
  });

  it('presents a 20-item inbox page with a bounded number of storage calls', async () => {
    for (let i = 0; i < 25; i += 1) {
      const author = ['alice', 'carol', 'dave', 'eve'][i % 4];
      await world.post(author, { to: [world.public] }, ['bob']);
    }
    const { repositories, calls } = counting(world.repositories);
    const res = await request(appOver(repositories)).get('/api/user/bob/inbox').set('X-Test-User', 'bob');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(20);
    const documentReads = [...calls]
      .filter(
        ([key]) => !['streams.count', 'streams.countMany'].includes(key) && !key.startsWith('follows.count'),
      )
      .reduce((sum, [, n]) => sum + n, 0);
    // Documents are read in a handful of batches; the 3 counts per object (likes, replies, shares) and the
    // owner's feed counts go to the store together, in one countMany per batch of objects presented.
    expect(documentReads).toBeLessThanOrEqual(8);
    expect(calls.get('streams.countMany') ?? 0).toBeLessThanOrEqual(3);
    expect(calls.get('streams.count') ?? 0).toBeLessThanOrEqual(3);
    expect(calls.get('objects.findById') ?? 0).toBeLessThanOrEqual(1);
  });
});
