import express, { Router } from 'express';
import request from 'supertest';

import { errorHandler, noRouteHandler } from '../../../src/adapters/http/error-handler.middleware';
import { optionsAllow } from '../../../src/adapters/http/options-allow.middleware';
import { RecordingLogger } from './recording-logger';

function appWith(routers: Router[]): express.Express {
  const app = express();
  app.use(optionsAllow(routers));
  for (const router of routers) app.use(router);
  app.use(noRouteHandler);
  app.use(errorHandler(new RecordingLogger()));
  return app;
}

describe('OPTIONS across feature routers', () => {
  const reads = Router();
  reads.get('/api/activity/:uuid', (_req, res) => void res.json({}));
  const writes = Router();
  writes.put('/api/activity/:uuid', (_req, res) => void res.json({}));
  writes.delete('/api/activity/:uuid', (_req, res) => void res.json({}));
  writes.post('/api/user/:nickname/feed', (_req, res) => void res.json({}));
  const app = appWith([writes, reads]);

  it('lists the methods of every router that serves the path', async () => {
    const answer = await request(app).options('/api/activity/abc');
    expect(answer.status).toBe(200);
    expect(answer.headers.allow).toBe('DELETE, GET, HEAD, OPTIONS, PUT');
  });

  it('lists only the methods of the matching path', async () => {
    const answer = await request(app).options('/api/user/alice/feed');
    expect(answer.headers.allow).toBe('OPTIONS, POST');
  });

  it('leaves a path nobody serves to the 404, and other methods untouched', async () => {
    expect((await request(app).options('/api/nothing/here')).status).toBe(404);
    expect((await request(app).get('/api/activity/abc')).status).toBe(200);
  });
});
