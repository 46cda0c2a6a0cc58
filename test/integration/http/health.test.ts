import request from 'supertest';

import { createHttpApp } from '../../../src/adapters/http/http-app.factory';
import { RecordingLogger } from './recording-logger';

function appWith(count: () => Promise<number>, logger = new RecordingLogger()) {
  return createHttpApp({
    publicBaseUrl: 'http://localhost:31337',
    logger,
    users: { count },
    healthTimeoutMs: 50,
  });
}

describe('GET /api/health', () => {
  it('answers 200 {"status":"ok"} when storage answers', async () => {
    const res = await request(appWith(async () => 3)).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers 503 when storage fails, and logs why', async () => {
    const logger = new RecordingLogger();
    const res = await request(
      appWith(async () => {
        throw new Error('database is locked');
      }, logger),
    ).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable' });
    expect(logger.entries.some((e) => e.level === 'warn' && String(e.fields.err).includes('locked'))).toBe(
      true,
    );
  });

  it('answers 503 when storage does not answer in time', async () => {
    const never = () => new Promise<number>(() => undefined);
    const res = await request(appWith(never)).get('/api/health');
    expect(res.status).toBe(503);
  });
});
