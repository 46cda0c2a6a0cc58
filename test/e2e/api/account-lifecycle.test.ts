import { request } from 'node:http';

import { fromBuffer, type Entry, type ZipFile } from 'yauzl';

import { type ApiNode, type Json, type Person, PUBLIC, startApiNode } from '../support/api-node';
import { expectStatus, signature } from '../support/pump-client';

jest.setTimeout(90_000);

let node: ApiNode;
let alice: Person;
let bob: Person;

beforeAll(async () => {
  // Seven registrations and two refused ones: more than the default limit per address.
  node = await startApiNode({
    enableUploads: true,
    rateLimits: { registration: { points: 0, durationSeconds: 3600 } },
  });
  alice = await node.register('alice');
  bob = await node.register('bob');
  await bob.act({ verb: 'follow', object: alice.ref });
  await alice.act({ verb: 'follow', object: bob.ref });
});
afterAll(async () => {
  await node?.stop();
});

/** A signed GET as `person`, its body as bytes (a zip is no text). */
function download(person: Person, path: string): Promise<{ status: number; type: string; body: Buffer }> {
  const url = `${node.client.base}${path}`;
  const headers = {
    Host: `localhost:${node.client.port}`,
    ...signature(url, 'GET', { consumer: node.consumer, token: person.token }),
  };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: node.client.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type']),
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Every entry of a zip archive, by name, as text. */
async function unzip(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    fromBuffer(bytes, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const entries = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
          zip.readEntry();
        });
        stream.on('error', reject);
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

describe('exporting an account', () => {
  it('streams a zip that holds the profile, activities, follows, lists and a README', async () => {
    const posted = await alice.note('in the archive', { to: [PUBLIC] });
    const upload = await alice.send('/api/user/alice/uploads', {
      raw: { body: 'a file of mine', contentType: 'text/plain' },
    });
    expectStatus(upload, 200);
    const uploadPath = new URL((upload.json as Json).fileUrl as string).pathname;
    const answer = await download(alice, '/api/user/alice/export');
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('application/zip');
    const files = await unzip(answer.body);
    expect([...files.keys()].sort()).toEqual(
      expect.arrayContaining([
        'README.txt',
        'activities.json',
        'favorites.json',
        'followers.json',
        'following.json',
        'lists.json',
        'profile.json',
      ]),
    );
    expect(files.get('README.txt')).toContain('activities.json');
    expect(files.get(uploadPath.replace(/^\/uploads\//, 'uploads/'))).toBe('a file of mine');
    expect(JSON.parse(files.get('profile.json') ?? '{}')).toMatchObject({ nickname: 'alice' });
    const activities = JSON.parse(files.get('activities.json') ?? '{}') as Json;
    expect(activities.items[0]).toMatchObject({
      id: posted.id,
      verb: 'post',
      object: { content: 'in the archive' },
    });
    expect(activities.totalItems).toBe(activities.items.length);
    const ids = (name: string) =>
      (JSON.parse(files.get(name) ?? '{}') as Json).items.map((item: Json) => item.id);
    expect(ids('followers.json')).toEqual([bob.id]);
    expect(ids('following.json')).toEqual([bob.id]);
    const lists = JSON.parse(files.get('lists.json') ?? '{}') as Json;
    expect(lists.items).toHaveLength(4);
    expect(lists.items[0].members).toMatchObject({ items: [] });
  });

  it('is only for the owner: another user gets 401, and nothing without a user token', async () => {
    expect((await download(bob, '/api/user/alice/export')).status).toBe(401);
    const anonymous = await node.client.send('/api/user/alice/export', { consumer: node.consumer });
    expect(anonymous.status).toBe(401);
  });
});

describe('importing follows', () => {
  it('follows each person of a following collection or a list, and reports each line', async () => {
    const carol = await node.register('carol');
    const dave = await node.register('dave');
    const collection = await node.client.send('/api/user/bob/following', {
      consumer: node.consumer,
      token: bob.token,
    });
    expectStatus(collection, 200);
    const fromCollection = await carol.send('/api/user/carol/following/import', { json: collection.json });
    expectStatus(fromCollection, 200);
    expect((fromCollection.json as Json).items).toEqual([
      expect.objectContaining({ id: alice.id, outcome: 'followed' }),
    ]);
    const text = `alice@localhost:${node.client.port}\n${dave.id}\nnobody-here@localhost\nnot an address\n`;
    const fromText = await carol.send('/api/user/carol/following/import', {
      raw: { body: text, contentType: 'text/plain' },
    });
    expectStatus(fromText, 200);
    expect((fromText.json as Json).items.map((line: Json) => line.outcome)).toEqual([
      'already-following',
      'followed',
      'not-found',
      'invalid',
    ]);
    expect(await carol.ids('/api/user/carol/following')).toEqual([dave.id, alice.id]);
    const broken = await carol.send('/api/user/carol/following/import', {
      raw: { body: '{"items": [', contentType: 'text/plain' },
    });
    expect(broken.status).toBe(400);
    expect(broken.json).toEqual({ error: expect.any(String) });
    expect((await bob.send('/api/user/carol/following/import', { json: { items: [] } })).status).toBe(401);
  });
});

describe('deleting an account', () => {
  it('tombstones the posts, tells the followers, and keeps the nickname from coming back', async () => {
    const erin = await node.register('erin');
    await bob.act({ verb: 'follow', object: erin.ref });
    const posted = await erin.note('soon gone', { to: [PUBLIC] });
    const notePath = new URL(posted.object.id as string).pathname;
    expectStatus(await bob.send(notePath), 200);
    const upload = await erin.send('/api/user/erin/uploads', {
      raw: { body: 'never posted', contentType: 'text/plain' },
    });
    expectStatus(upload, 200);
    const uploadId = new URL((upload.json as Json).id as string).pathname;
    const filePath = new URL((upload.json as Json).fileUrl as string).pathname;
    expectStatus(await erin.send(filePath), 200);

    const deleted = await erin.send('/api/user/erin', { method: 'DELETE' });
    expectStatus(deleted, 200);

    expect((await bob.send(notePath)).status).toBe(410);
    expect((await bob.send(uploadId)).status).toBe(410);
    expect([404, 410]).toContain((await bob.send(filePath)).status);
    const [newest] = await bob.read<{ items: Json[] }>('/api/user/bob/inbox').then((page) => page.items);
    expect(newest).toMatchObject({ verb: 'delete', actor: { id: erin.id }, object: { id: erin.id } });
    expect((await bob.send('/api/user/erin')).status).toBe(410);
    expect((await bob.send('/api/user/erin/profile')).status).toBe(410);
    expect((await bob.send('/api/user/erin/feed')).status).toBe(410);
    // Erin's token is revoked.
    expect((await erin.send('/api/user/erin/inbox')).status).toBe(401);
    for (const nickname of ['erin', 'Erin']) {
      const again = await node.client.send('/api/users', {
        consumer: node.consumer,
        json: { nickname, password: 'another-password-1' },
      });
      expect(again.status).toBe(409);
      expect(again.json).toEqual({ error: expect.any(String) });
    }
  });
});
