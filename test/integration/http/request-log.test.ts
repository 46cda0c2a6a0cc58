import request from 'supertest';

import { createHttpApp } from '../../../src/adapters/http/http-app.factory';
import { RecordingLogger } from './recording-logger';

describe('the request log', () => {
  it('writes one line per request with method, path and status, but no query string or headers', async () => {
    const logger = new RecordingLogger();
    const app = createHttpApp({
      publicBaseUrl: 'http://localhost:31337',
      logger,
      store: { probeWrite: async () => undefined },
    });
    await request(app)
      .get('/api/health?oauth_token=leaky')
      .set('Authorization', 'OAuth oauth_signature="leaky"')
      .set('Cookie', 'sid=leaky');
    // The line is written when the response finishes, which may be just after the client has it.
    const deadline = Date.now() + 2000;
    while (logger.entries.length === 0 && Date.now() < deadline) await new Promise(setImmediate);
    expect(logger.entries).toEqual([
      {
        level: 'info',
        message: 'request',
        fields: { method: 'GET', path: '/api/health', status: 200, durationMs: expect.any(Number) },
      },
    ]);
    expect(JSON.stringify(logger.entries)).not.toContain('leaky');
  });
});
