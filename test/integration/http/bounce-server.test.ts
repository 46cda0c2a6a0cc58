import { request } from 'node:http';

import { bounceLocation, startBounceServer } from '../../../src/adapters/http/bounce-server';
import type { RunningHttpServer } from '../../../src/adapters/http/http-server';

function get(port: number, path: string, host: string) {
  return new Promise<{ status: number; location: string | undefined; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host }, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('bounce server', () => {
  let server: RunningHttpServer | undefined;
  afterEach(async () => {
    await server?.close(0);
  });

  it('answers 301 to https on the configured host and port, whatever the Host header says', async () => {
    server = await startBounceServer({
      address: '127.0.0.1',
      port: 0,
      hostname: 'social.example',
      urlPort: 8443,
    });
    const answer = await get(server.port, '/.well-known/host-meta?x=1', 'evil.example');
    expect(answer).toEqual({
      status: 301,
      location: 'https://social.example:8443/.well-known/host-meta?x=1',
      body: '',
    });
  });

  it('leaves out port 443, brackets IPv6 and never follows an absolute-form target', () => {
    expect(bounceLocation({ hostname: 'social.example', urlPort: 443 }, '/main')).toBe(
      'https://social.example/main',
    );
    expect(bounceLocation({ hostname: '::1', urlPort: 443 }, '/')).toBe('https://[::1]/');
    expect(bounceLocation({ hostname: 'social.example', urlPort: 443 }, 'http://evil.example/')).toBe(
      'https://social.example/',
    );
  });
});
