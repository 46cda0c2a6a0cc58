import express from 'express';
import request from 'supertest';

import { createHttpApp } from '../../../src/adapters/http/http-app.factory';
import { errorHandler, noRouteHandler } from '../../../src/adapters/http/error-handler.middleware';
import { DomainError, type ErrorKind } from '../../../src/domain/errors/domain-error';
import { RecordingLogger } from './recording-logger';

/** An app whose routes fail on purpose, with the real 404 and error handlers behind them. */
function failingApp(logger: RecordingLogger) {
  const app = express();
  app.get(['/api/fail/:kind', '/fail/:kind'], async (req) => {
    throw new DomainError(
      req.params.kind as ErrorKind,
      `test.${req.params.kind}`,
      `failed: ${req.params.kind}`,
    );
  });
  app.get('/api/bug', async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'secretThing')");
  });
  app.post('/api/json', express.json(), (_req, res) => {
    res.json({ ok: true });
  });
  app.use(noRouteHandler);
  app.use(errorHandler(logger));
  return app;
}

describe('the error handler', () => {
  it.each([
    ['invalid', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not-found', 404],
    ['conflict', 409],
    ['gone', 410],
  ])('answers a %s DomainError with %i and its message as JSON under /api', async (kind, status) => {
    const res = await request(failingApp(new RecordingLogger())).get(`/api/fail/${kind}`);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ error: `failed: ${kind}` });
  });

  it('answers plain text outside /api', async () => {
    const res = await request(failingApp(new RecordingLogger())).get('/fail/forbidden');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('failed: forbidden');
  });

  it('answers JSON to an XHR request outside /api, as pump.io does', async () => {
    const res = await request(failingApp(new RecordingLogger()))
      .get('/fail/gone')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(res.body).toEqual({ error: 'failed: gone' });
  });

  it('answers anything else with a generic 500 and logs the whole error', async () => {
    const logger = new RecordingLogger();
    const res = await request(failingApp(logger)).get('/api/bug');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'Internal server error' });
    expect(res.text).not.toContain('secretThing');
    const logged = logger.entries.find((e) => e.level === 'error');
    expect(logged?.fields).toMatchObject({ method: 'GET', path: '/api/bug' });
    expect((logged?.fields.err as Error).stack).toContain('secretThing');
  });

  it('keeps malformed JSON a 400, not a 500', async () => {
    const res = await request(failingApp(new RecordingLogger()))
      .post('/api/json')
      .set('Content-Type', 'application/json')
      .send('{"broken":');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(expect.any(String));
  });
});

describe('unknown routes', () => {
  const app = createHttpApp({
    publicBaseUrl: 'http://localhost:31337',
    logger: new RecordingLogger(),
    store: { probeWrite: async () => undefined },
  });

  it.each(['/api/nope', '/api'])('answer 404 JSON under %s', async (path) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ error: expect.stringContaining(path) });
  });

  it('answer 404 plain text elsewhere', async () => {
    const res = await request(app).get('/nope');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('/nope');
  });
});
