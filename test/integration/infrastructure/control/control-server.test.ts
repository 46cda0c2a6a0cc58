import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ctlRequest } from '../../../../src/infrastructure/cli/ctl.command';
import { sendControlRequest } from '../../../../src/infrastructure/control/control-client';
import type { ControlRequest } from '../../../../src/infrastructure/control/control-protocol';
import {
  type RunningControlServer,
  startControlServer,
} from '../../../../src/infrastructure/control/control-server';
import { ListLogger } from '../../../unit/infrastructure/cluster/cluster-fakes';

let folder: string;
let server: RunningControlServer | undefined;
const seen: ControlRequest[] = [];
const handle = (request: ControlRequest) => {
  seen.push(request);
  return request.command === 'restart'
    ? { ok: false as const, code: 'in-progress', reason: 'a restart is already in progress' }
    : { ok: true as const, echo: request };
};

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'pumphouse-control-'));
  seen.length = 0;
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(folder, { recursive: true, force: true });
});

/** Sends raw text and answers the first line that comes back. */
function raw(path: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(path, () => socket.write(text));
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      if (buffer.includes('\n')) {
        socket.destroy();
        resolve(buffer.slice(0, buffer.indexOf('\n')));
      }
    });
    socket.on('error', reject);
  });
}

describe('control socket', () => {
  it('creates its folder, owner-only, when it does not exist yet', async () => {
    const path = join(folder, 'fresh', 'data', 'pumphouse.sock');
    server = await startControlServer(path, handle, new ListLogger());
    expect(statSync(join(folder, 'fresh', 'data')).mode & 0o777).toBe(0o700);
    expect(await sendControlRequest(path, { command: 'status' })).toMatchObject({ ok: true });
  });

  it('is owner-only and answers one JSON line per request', async () => {
    const path = join(folder, 'pumphouse.sock');
    server = await startControlServer(path, handle, new ListLogger());
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await sendControlRequest(path, { command: 'status' })).toEqual({
      ok: true,
      echo: { command: 'status' },
    });
    expect(await sendControlRequest(path, { command: 'restart' })).toMatchObject({
      ok: false,
      code: 'in-progress',
    });
  });

  it('answers junk with a refusal and keeps serving', async () => {
    const path = join(folder, 'pumphouse.sock');
    server = await startControlServer(path, handle, new ListLogger());
    expect(JSON.parse(await raw(path, 'RESTART\n'))).toMatchObject({ ok: false, code: 'bad-request' });
    expect(JSON.parse(await raw(path, '{"command":"loglevel","level":"loud"}\n'))).toMatchObject({
      ok: false,
    });
    expect(JSON.parse(await raw(path, '[1]\n'))).toMatchObject({ ok: false });
    // A client that vanishes mid-request does not take the server down.
    const rude = connect(path, () => rude.destroy());
    expect(await sendControlRequest(path, { command: 'loglevel', level: 'debug' })).toMatchObject({
      ok: true,
    });
    expect(seen).toEqual([{ command: 'loglevel', level: 'debug' }]);
  });

  it('replaces a stale socket file, and refuses to start when another server answers', async () => {
    const path = join(folder, 'pumphouse.sock');
    writeFileSync(path, '');
    server = await startControlServer(path, handle, new ListLogger());
    await expect(startControlServer(path, handle, new ListLogger())).rejects.toThrow(
      /another pumphouse master/,
    );
  });

  it('tells the admin when no master runs', async () => {
    await expect(sendControlRequest(join(folder, 'none.sock'), { command: 'status' })).rejects.toThrow(
      /no pumphouse master is running/,
    );
  });
});

describe('ctlRequest', () => {
  it.each([
    [['restart'], { command: 'restart' }],
    [['status'], { command: 'status' }],
    [['loglevel', 'warn'], { command: 'loglevel', level: 'warn' }],
  ])('reads %p', (args, request) => {
    expect(ctlRequest(args)).toEqual(request);
  });
  it.each([[[]], [['reboot']], [['loglevel']], [['loglevel', 'warning']], [['restart', 'now']]])(
    'refuses %p',
    (args) => {
      expect(ctlRequest(args)).toHaveProperty('problem');
    },
  );
});
