import express from 'express';
import request from 'supertest';

import { activitiesWriteFeature } from '../../../../src/adapters/http/activities/activities-write.router';
import { errorHandler, noRouteHandler } from '../../../../src/adapters/http/error-handler.middleware';
import { readingFeature } from '../../../../src/adapters/http/reading/reading.router';
import { assembleFeatures } from '../../../../src/adapters/http/route-assembly';
import {
  favoritersStreamName,
  repliesStreamName,
  sharesStreamName,
} from '../../../../src/domain/distribution/stream-names';
import { readingUseCases } from '../../../support/http/reading-use-cases';
import { TrustingAuthenticator } from '../../../support/http/trusting-authenticator';
import { PostingWorld, PUBLIC, site } from '../../../unit/application/activities/posting-world';

// Issue 10 item 3: what a user may not read directly must not reach them by reference either (docs/architecture.md
// §2b). Alice writes to Carol only; Bob, who follows Carol, is not a recipient.
const SECRET = 'the secret only carol may read';

let world: PostingWorld;
let app: express.Express;
let secret: { id: string; objectType: string; path: string; activityUuid: string };

beforeEach(async () => {
  world = new PostingWorld();
  await world.register('alice', 'bob', 'carol');
  const authenticator = new TrustingAuthenticator(site);
  app = express();
  app.use(express.json());
  const writes = activitiesWriteFeature({
    authenticator,
    site,
    repositories: world.storage,
    postActivity: world.post,
    updateObject: world.updateObject,
    deleteObject: world.deleteObject,
    addToList: world.addToList,
    updateActivity: world.updateActivity,
    deleteActivity: world.deleteActivity,
  });
  const useCases = readingUseCases(world.storage, site);
  const reads = readingFeature({ authenticator, site, repositories: world.storage, useCases });
  app.use(assembleFeatures([writes, reads]));
  app.use(noRouteHandler);
  app.use(errorHandler(world.logger));
  await world.act('bob', { verb: 'follow', object: world.ref('carol') });
  // The secret is the title too: a server-made sentence about the note ("carol shared ...") must not name it.
  const posted = await world.act('alice', {
    verb: 'post',
    object: { objectType: 'note', content: SECRET, displayName: SECRET },
    to: [world.ref('carol')],
  });
  const id = posted.object!.id;
  secret = {
    id,
    objectType: 'note',
    path: new URL(id).pathname,
    activityUuid: String(posted.activity._uuid),
  };
});

const as = (nickname: string) => ({ 'X-Test-User': nickname });
const post = (nickname: string, body: unknown, path = 'feed') =>
  request(app)
    .post(`/api/user/${nickname}/${path}`)
    .set(as(nickname))
    .send(body as object);
const read = (path: string, nickname?: string) =>
  nickname === undefined ? request(app).get(path) : request(app).get(path).set(as(nickname));
const ref = () => ({ id: secret.id, objectType: secret.objectType });
const stub = () => ({ id: secret.id, objectType: 'note' });
const unknownNote = () => ({ id: `${site.url('api/note/no-such-uuid')}`, objectType: 'note' });

describe('private content never leaks by reference (API)', () => {
  it('Bob cannot read the note directly: the rule every reference below follows', async () => {
    expect((await read(secret.path, 'bob')).status).toBe(403);
    expect((await read(secret.path, 'carol')).body.content).toBe(SECRET);
  });

  const reply = (inReplyTo: object, extra: object = {}) => ({
    verb: 'post',
    object: { objectType: 'comment', content: 'hm', inReplyTo },
    ...extra,
  });
  it.each([
    ['favorite', (object: object) => post('bob', { verb: 'favorite', object })],
    ['favorite (shortcut)', (object: object) => post('bob', object, 'favorites')],
    ['like', (object: object) => post('bob', { verb: 'like', object })],
    ['share', (object: object) => post('bob', { verb: 'share', object })],
    ['reply', (object: object) => post('bob', reply(object))],
    ['public reply', (object: object) => post('bob', reply(object, { to: [PUBLIC] }))],
  ])('a %s by id of the note is refused as for an unknown note, and changes nothing', async (_verb, act) => {
    const outboxBefore = await world.stream('user:bob:outbox');
    const answer = await act(ref());
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    // Exactly what an id that names nothing gets: the answer does not even tell the note exists.
    const unknown = await act(unknownNote());
    expect(unknown.status).toBe(400);
    expect(answer.body.error.replace(secret.id, '<id>')).toBe(
      unknown.body.error.replace(unknownNote().id, '<id>'),
    );
    expect(await world.stream('user:bob:outbox')).toEqual(outboxBefore);
    expect(await world.stream('user:bob:favorites')).toEqual([]);
    expect(await world.stream(repliesStreamName(secret.id))).toEqual([]);
    expect(await world.stream(sharesStreamName(secret.id))).toEqual([]);
    expect(await world.stream(favoritersStreamName(secret.id))).toEqual([]);
  });

  it("Carol's share reaches Bob as a stub: in his inbox, in her feed and in the activity", async () => {
    const shared = await post('carol', { verb: 'share', object: ref() });
    expect(shared.status).toBe(200);
    expect(shared.body.object.content).toBe(SECRET);
    const shareUuid = new URL(shared.body.id as string).pathname.split('/').pop();

    const inbox = await read('/api/user/bob/inbox', 'bob');
    const inFeed = await read('/api/user/carol/feed', 'bob');
    const activity = await read(`/api/activity/${shareUuid}`, 'bob');
    expect(inbox.body.items[0].id).toBe(shared.body.id);
    expect(inbox.body.items[0].object).toEqual(stub());
    expect(inFeed.body.items[0].object).toEqual(stub());
    expect(activity.body.object).toEqual(stub());
    for (const answer of [inbox, inFeed, activity]) {
      expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    }
    expect((await read(`/api/activity/${shareUuid}`, 'carol')).body.object.content).toBe(SECRET);
  });

  it('a public reply embeds its private parent as a stub for anyone who may not read the parent', async () => {
    const reply = await post('carol', {
      verb: 'post',
      object: { objectType: 'comment', content: 'a public answer', inReplyTo: ref() },
      to: [PUBLIC],
    });
    expect(reply.status).toBe(200);
    const replyPath = new URL(reply.body.object.id as string).pathname;

    for (const reader of ['bob', undefined]) {
      const direct = await read(replyPath, reader);
      expect(direct.status).toBe(200);
      expect(direct.body.content).toBe('a public answer');
      expect(direct.body.inReplyTo).toEqual(stub());
      const feed = await read('/api/user/carol/feed', reader);
      expect(feed.body.items[0].object.inReplyTo).toEqual(stub());
      expect(JSON.stringify([direct.body, feed.body])).not.toContain(SECRET);
    }
    expect((await read(replyPath, 'carol')).body.inReplyTo.content).toBe(SECRET);
    expect((await read(replyPath, 'alice')).body.inReplyTo.content).toBe(SECRET);
  });

  it('a favorite keeps its object, not the right to read it: later reads show a stub', async () => {
    const favorited = await post('carol', { verb: 'favorite', object: ref() });
    expect(favorited.status).toBe(200);
    const favoriteUuid = new URL(favorited.body.id as string).pathname.split('/').pop();
    // Alice takes Carol off the note's audience.
    const narrowed = await request(app)
      .put(`/api/activity/${secret.activityUuid}`)
      .set(as('alice'))
      .send({ to: [world.ref('alice')] });
    expect(narrowed.status).toBe(200);

    const again = await read(`/api/activity/${favoriteUuid}`, 'carol');
    expect(again.status).toBe(200);
    expect(again.body.object).toEqual(stub());
    const favorites = await read('/api/user/carol/favorites', 'carol');
    expect(favorites.body.items).toEqual([]);
    expect(JSON.stringify([again.body, favorites.body])).not.toContain(SECRET);
  });
});
