import request from 'supertest';

import { createOAuthTestApp, type OAuthTestApp } from './oauth-test-app';

describe('POST /api/client/register', () => {
  let t: OAuthTestApp;

  beforeEach(() => {
    t = createOAuthTestApp();
  });

  it('registers from a form body and from a JSON body', async () => {
    const form = await request(t.app)
      .post('/api/client/register')
      .type('form')
      .send({ type: 'client_associate', application_name: 'Form app', contacts: 'me@example.com' })
      .expect(200);
    expect(form.body).toEqual({
      client_id: expect.any(String),
      client_secret: expect.any(String),
      expires_at: 0,
    });
    expect(Buffer.from(form.body.client_id, 'base64url')).toHaveLength(16);
    expect(Buffer.from(form.body.client_secret, 'base64url')).toHaveLength(32);
    expect(await t.storage.clients.findById(form.body.client_id)).toMatchObject({ title: 'Form app' });

    const json = await request(t.app)
      .post('/api/client/register')
      .send({ type: 'client_associate', application_type: 'web' })
      .expect(200);
    expect(json.body.client_id).not.toBe(form.body.client_id);
  });

  it('answers registration errors as JSON 400, a wrong secret 403 and an unknown client 404', async () => {
    const bad = await request(t.app).post('/api/client/register').send({ type: 'nope' }).expect(400);
    expect(bad.body).toEqual({ error: 'Invalid registration type' });
    await request(t.app).post('/api/client/register').send({}).expect(400);
    await request(t.app).post('/api/client/register').send([1, 2]).expect(400);
    const { body } = await request(t.app).post('/api/client/register').send({ type: 'client_associate' });
    await request(t.app)
      .post('/api/client/register')
      .send({ type: 'client_update', client_id: body.client_id, client_secret: 'wrong' })
      .expect(403);
    await request(t.app)
      .post('/api/client/register')
      .send({ type: 'client_update', client_id: 'unknown', client_secret: 'x' })
      .expect(404);
  });

  it('refuses any Authorization header with 401 text/plain and WWW-Authentication: Dialback', async () => {
    const res = await request(t.app)
      .post('/api/client/register')
      .set('Authorization', 'Dialback host="remote.example", token="abc"')
      .send({ type: 'client_associate' })
      .expect(401);
    expect(res.headers['www-authentication']).toBe('Dialback');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('lists POST in Allow for OPTIONS', async () => {
    const res = await request(t.app).options('/api/client/register').expect(200);
    expect(res.headers.allow).toContain('POST');
  });

  it('answers 400 with a JSON error naming an over-long field, and a #fragment redirect URI (issue 10)', async () => {
    const long = await request(t.app)
      .post('/api/client/register')
      .send({ type: 'client_associate', application_name: 'x'.repeat(50_000) })
      .expect(400);
    expect(long.body).toEqual({ error: expect.stringContaining('application_name') });
    const fragment = await request(t.app)
      .post('/api/client/register')
      .type('form')
      .send({ type: 'client_associate', redirect_uris: 'https://app.example/cb#x' })
      .expect(400);
    expect(fragment.body).toEqual({ error: expect.stringContaining('redirect_uris') });
  });
});
