import express from 'express';
import request from 'supertest';

import { activitiesWriteFeature } from '../../../../src/adapters/http/activities/activities-write.router';
import { assembleFeatures } from '../../../../src/adapters/http/route-assembly';
import { errorHandler, noRouteHandler } from '../../../../src/adapters/http/error-handler.middleware';
import { TrustingAuthenticator } from '../../../support/http/trusting-authenticator';
import { PostingWorld, PUBLIC, site } from '../../../unit/application/activities/posting-world';

let world: PostingWorld;
let app: express.Express;

beforeEach(async () => {
  world = new PostingWorld();
  await world.register('alice', 'bob');
  app = express();
  app.use(express.json());
  app.use(
    assembleFeatures([
      activitiesWriteFeature({
        authenticator: new TrustingAuthenticator(site),
        site,
        repositories: world.storage,
        postActivity: world.post,
        updateObject: world.updateObject,
        deleteObject: world.deleteObject,
        addToList: world.addToList,
        updateActivity: world.updateActivity,
        deleteActivity: world.deleteActivity,
      }),
    ]),
  );
  app.use(noRouteHandler);
  app.use(errorHandler(world.logger));
  await request(app)
    .post('/api/user/bob/following')
    .set('X-Test-User', 'bob')
    .send(world.ref('alice'))
    .expect(200);
});

const as = (nickname: string) => ({ 'X-Test-User': nickname });
const post = (nickname: string, body: unknown, path = 'feed') =>
  request(app)
    .post(`/api/user/${nickname}/${path}`)
    .set(as(nickname))
    .send(body as object);
const pathOf = (id: string) => new URL(id).pathname;

describe('the activities write router', () => {
  it('posts, distributes before answering, and answers the AS1 activity', async () => {
    const answer = await post('alice', { object: { objectType: 'note', content: 'hi' }, to: [PUBLIC] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      verb: 'post',
      actor: { id: site.personId('alice'), preferredUsername: 'alice' },
      object: { objectType: 'note', content: 'hi' },
      to: [PUBLIC],
    });
    expect(answer.body.object.author).toBeUndefined();
    expect(JSON.stringify(answer.body)).not.toContain('"_');
    expect((await world.stream('user:bob:inbox'))[0]).toBe(answer.body.id);
  });

  it('keeps bto and bcc in the answer to the actor', async () => {
    const answer = await post('alice', { object: { objectType: 'note' }, bcc: [world.ref('bob')] });
    // As a read by the actor shows it: the address expanded to the stored person.
    expect(answer.body.bcc).toEqual([
      expect.objectContaining({ ...world.ref('bob'), preferredUsername: 'bob' }),
    ]);
  });

  it('refuses another user (401), the wrong feed (400) and a missing user (401), as JSON errors', async () => {
    const other = await request(app)
      .post('/api/user/alice/feed')
      .set(as('bob'))
      .send({ object: { objectType: 'note' } });
    expect(other.status).toBe(401);
    expect(other.body).toEqual({ error: 'Not authorized' });
    const minor = await post('alice', { verb: 'follow', object: world.ref('bob') }, 'feed/major');
    expect(minor.status).toBe(400);
    expect(minor.body).toEqual({ error: 'Only major activities to this feed.' });
    expect((await request(app).post('/api/user/alice/feed').send({})).status).toBe(401);
  });

  it('answers the object for the follow and favorite shortcuts', async () => {
    const followed = await post('alice', world.ref('bob'), 'following');
    expect(followed.status).toBe(200);
    expect(followed.body).toMatchObject({ id: site.personId('bob'), objectType: 'person' });
    const note = (await post('bob', { object: { objectType: 'note' }, to: [PUBLIC] })).body.object;
    const favorited = await post('alice', { id: note.id, objectType: 'note' }, 'favorites');
    expect(favorited.body).toMatchObject({ id: note.id, author: { id: site.personId('bob') } });
    expect(await world.stream('user:alice:favorites')).toEqual([note.id]);
    expect((await post('alice', { id: note.id, objectType: 'note' }, 'favorites')).status).toBe(400);
  });

  it('adds to a list for its author only', async () => {
    const created = await post('alice', {
      verb: 'create',
      object: { objectType: 'collection', displayName: 'Pals', objectTypes: ['person'] },
    });
    const members = `${pathOf(created.body.object.id)}/members`;
    const added = await request(app).post(members).set(as('alice')).send(world.ref('bob'));
    expect(added.status).toBe(200);
    expect(added.body.id).toBe(site.personId('bob'));
    expect(await world.stream(`collection:${created.body.object.id}`)).toEqual([site.personId('bob')]);
    expect((await request(app).post(members).set(as('bob')).send(world.ref('bob'))).status).toBe(403);
  });

  it('updates and deletes an object for its author: 403, 200, then 410; 404 for unknown types and ids', async () => {
    const note = (await post('alice', { object: { objectType: 'note', content: 'v1' }, to: [PUBLIC] })).body
      .object;
    const path = pathOf(note.id);
    const refused = await request(app).put(path).set(as('bob')).send({ content: 'mine' });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: 'Only the author can modify this object.' });
    const updated = await request(app).put(path).set(as('alice')).send({ content: 'v2' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: note.id, content: 'v2' });
    expect((await request(app).delete(path).set(as('bob'))).status).toBe(403);
    const deleted = await request(app).delete(path).set(as('alice'));
    expect(deleted.status).toBe(200);
    expect(deleted.body).toBe('Deleted');
    expect((await request(app).delete(path).set(as('alice'))).status).toBe(410);
    expect((await request(app).put('/api/nonsense/abc').set(as('alice')).send({})).body).toEqual({
      error: 'Unknown type: nonsense',
    });
    expect((await request(app).delete('/api/note/nope').set(as('alice'))).status).toBe(404);
  });

  it('leaves PUT and DELETE of /api/user/<nick> to another router', async () => {
    const answer = await request(app).put('/api/user/alice').set(as('alice')).send({});
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatch(/No such route/);
  });

  it('lets the actor alone update and delete an activity, with no side effects', async () => {
    const activity = (await post('alice', { object: { objectType: 'note' }, to: [PUBLIC] })).body;
    const path = pathOf(activity.id);
    expect((await request(app).put(path).set(as('bob')).send({ content: 'x' })).status).toBe(403);
    const updated = await request(app).put(path).set(as('alice')).send({ content: 'Edited', verb: 'delete' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ content: 'Edited', verb: 'post' });
    expect((await request(app).delete(path).set(as('bob'))).status).toBe(403);
    const deleted = await request(app).delete(path).set(as('alice'));
    expect(deleted.body).toBe('Deleted');
    const tombstone = await world.storage.activities.findById(activity.id);
    expect(Object.keys(tombstone!).sort()).toEqual([
      '_uuid',
      'actor',
      'deleted',
      'id',
      'object',
      'published',
      'updated',
    ]);
    expect(await world.storage.objects.findById(activity.object.id)).not.toHaveProperty('deleted');
    expect((await request(app).delete(path).set(as('alice'))).status).toBe(410);
    expect((await request(app).delete('/api/activity/nope').set(as('alice'))).status).toBe(404);
  });
});
