import request from 'supertest';

import { createHttpApp } from '../../../src/adapters/http/http-app.factory';
import type { Storage } from '../../../src/application/ports/storage/unit-of-work.port';
import { RecordingLogger } from './recording-logger';

/** A store that reads fine, as a full disk allows, and whose writes succeed or fail as told. */
function storeThat(
  probeWrite: () => Promise<void>,
): Pick<Storage, 'probeWrite'> & { users: { count(): Promise<number> } } {
  return { probeWrite, users: { count: async () => 3 } };
}

function appWith(store: Pick<Storage, 'probeWrite'>, logger = new RecordingLogger()) {
  return createHttpApp({
    publicBaseUrl: 'http://localhost:31337',
    logger,
    store,
    healthTimeoutMs: 50,
  });
}

const diskFull = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

describe('GET /api/health', () => {
  it('answers 200 {"status":"ok"} when storage can write', async () => {
    const res = await request(appWith(storeThat(async () => undefined))).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers 503 when storage still reads but cannot write (a full disk), and logs why', async () => {
    const logger = new RecordingLogger();
    const res = await request(
      appWith(
        storeThat(async () => {
          throw diskFull();
        }),
        logger,
      ),
    ).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable' });
    expect(logger.entries.some((e) => e.level === 'warn' && String(e.fields.err).includes('full'))).toBe(
      true,
    );
  });

  it('answers 503 when storage does not answer in time', async () => {
    const never = () => new Promise<void>(() => undefined);
    const res = await request(appWith(storeThat(never))).get('/api/health');
    expect(res.status).toBe(503);
  });
});
