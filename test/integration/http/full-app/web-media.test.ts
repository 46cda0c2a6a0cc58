import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import sharp from 'sharp';

import { type FullApp, startFullApp } from './full-app';
import { cookiesOf, csrfOf } from '../security/security-test-app';

jest.setTimeout(120_000);

/**
 * Media in the web UI (issue #13): the composer posts a file with its note through the upload and publish use
 * cases, behind the CSRF check of a multipart form; streams show what was posted; the settings page sets an
 * avatar anyone may see; deleting an uploaded object deletes its files.
 */
const MAX_BYTES = 256 * 1024;
let full: FullApp;
let uploadsDir: string;
const cookies: Record<string, string> = {};

const png = (width: number, height: number, background = '#0080ff') =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
const SCRIPT_AS_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('#!/bin/sh\nrm -rf /\n'),
]);
const mp3 = Buffer.concat([
  Buffer.from('ID3'),
  Buffer.from([3, 0, 0, 0, 0, 0, 10]),
  Buffer.alloc(2000, 0xaa),
]);
const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1000, 0x20)]);

const asBrowser = (nickname: string, method: string, path: string) =>
  full.send(method, path).set('Cookie', cookies[nickname]).set('Accept', 'text/html');

/** The CSRF token of `nickname`'s home page. */
async function tokenOf(nickname: string): Promise<string> {
  const home = await asBrowser(nickname, 'GET', '/');
  return csrfOf(home.text);
}

interface Link {
  readonly url: string;
  readonly width?: number;
  readonly height?: number;
}
interface PostedObject {
  readonly id: string;
  readonly objectType: string;
  readonly url: string;
  readonly content?: string;
  readonly image: Link;
  readonly fullImage: Link;
}
interface Feed {
  readonly items: Array<{ readonly verb: string; readonly object: PostedObject }>;
}

interface Attachment {
  readonly bytes: Buffer;
  readonly filename: string;
  readonly contentType: string;
}

/** The composer's form as a browser sends it: multipart, the token first, then the note, the audience, the file. */
async function compose(
  nickname: string,
  fields: { content?: string; audience?: string; csrf?: string | null },
  file: Attachment | null,
) {
  const csrf = fields.csrf === undefined ? await tokenOf(nickname) : fields.csrf;
  const form = asBrowser(nickname, 'POST', '/main/post');
  if (csrf !== null) form.field('_csrf', csrf);
  form
    .field('back', '/')
    .field('content', fields.content ?? '')
    .field('audience', fields.audience ?? 'public');
  if (file === null)
    form.attach('file', Buffer.alloc(0), { filename: '', contentType: 'application/octet-stream' });
  else form.attach('file', file.bytes, { filename: file.filename, contentType: file.contentType });
  return form;
}

async function uploadCount(nickname: string): Promise<number> {
  const answer = await asBrowser(nickname, 'GET', `/api/user/${nickname}/uploads`).set(
    'Accept',
    'application/json',
  );
  expect(answer.status).toBe(200);
  return (answer.body as { totalItems: number }).totalItems;
}

async function outboxCount(nickname: string): Promise<number> {
  const answer = await asBrowser(nickname, 'GET', `/api/user/${nickname}/feed`).set(
    'Accept',
    'application/json',
  );
  return (answer.body as { totalItems: number }).totalItems;
}

function storedFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else found.push(join(dir, entry.name));
    }
  };
  walk(uploadsDir);
  return found;
}

beforeAll(async () => {
  uploadsDir = mkdtempSync(join(tmpdir(), 'pumphouse-web-media-'));
  full = startFullApp({
    settings: { enableUploads: true, uploadMaxBytes: MAX_BYTES, uploadMaxPixels: 4_000_000, uploadsDir },
  });
  const client = await full.registerClient();
  for (const nickname of ['alice', 'bob', 'carol', 'dave']) {
    await full.registerUser(client, nickname);
    cookies[nickname] = await full.logInWithBrowser(nickname);
  }
});
afterAll(async () => {
  await full?.close();
  rmSync(uploadsDir, { recursive: true, force: true });
});

describe('the composer with a file', () => {
  it('posts an image with the note as its content, and the stream shows the thumbnail linking to the image', async () => {
    const posted = await compose(
      'alice',
      { content: 'My <b>cat</b>' },
      { bytes: await png(800, 600), filename: 'cat.png', contentType: 'image/png' },
    );
    expect(posted.status).toBe(303);

    const outbox = await asBrowser('alice', 'GET', '/api/user/alice/feed').set('Accept', 'application/json');
    const activity = (outbox.body as Feed).items[0];
    expect(activity.verb).toBe('post');
    expect(activity.object.objectType).toBe('image');
    expect(activity.object.content).toBe('<p>My &lt;b&gt;cat&lt;/b&gt;</p>');
    const thumbnail = new URL(activity.object.image.url).pathname;
    const fullImage = new URL(activity.object.fullImage.url).pathname;

    const home = await asBrowser('alice', 'GET', '/');
    expect(home.text).toContain(`<a class="media-image" href="${fullImage}"><img src="${thumbnail}"`);
    // Posted to the public: anyone may read it now.
    expect((await full.send('GET', fullImage)).status).toBe(200);
    const page = await full.send('GET', new URL(activity.object.url).pathname).set('Accept', 'text/html');
    expect(page.text).toContain(`<img src="${thumbnail}"`);
  });

  it('posts audio and video with controls, and a file as a download link', async () => {
    expect(
      (
        await compose(
          'bob',
          { content: 'a song' },
          { bytes: mp3, filename: 'a.mp3', contentType: 'audio/mpeg' },
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await compose(
          'bob',
          { content: 'a paper' },
          { bytes: pdf, filename: 'p.pdf', contentType: 'application/pdf' },
        )
      ).status,
    ).toBe(303);
    const stream = await full.send('GET', '/bob').set('Accept', 'text/html');
    expect(stream.text).toMatch(
      /<audio controls="controls" preload="none" src="\/uploads\/bob\/[^"]+\.mp3">/,
    );
    expect(stream.text).toMatch(
      /<a class="media-file" href="\/uploads\/bob\/[^"]+\.pdf" download="download">/,
    );
  });

  it('still posts a plain note when no file is chosen (the browser sends an empty file part)', async () => {
    const before = await outboxCount('carol');
    expect((await compose('carol', { content: 'just words' }, null)).status).toBe(303);
    expect(await outboxCount('carol')).toBe(before + 1);
    expect(await uploadCount('carol')).toBe(0);
  });

  it.each([
    [
      'a script with a PNG header',
      { bytes: SCRIPT_AS_PNG, filename: 'x.png', contentType: 'image/png' },
      400,
    ],
    [
      'a type not accepted',
      { bytes: Buffer.from('MZ....'), filename: 'x.exe', contentType: 'application/x-msdownload' },
      415,
    ],
    [
      'a file over the limit',
      { bytes: Buffer.alloc(MAX_BYTES + 10, 0x20), filename: 'big.pdf', contentType: 'application/pdf' },
      413,
    ],
  ])(
    'refuses %s: the form again with the message and the note, nothing posted or stored',
    async (_name, file, status) => {
      const before = await outboxCount('dave');
      const files = storedFiles().length;
      const answer = await compose('dave', { content: 'keep my words' }, file);
      expect(answer.status).toBe(status);
      expect(answer.text).toContain('id="composer"');
      expect(answer.text).toMatch(/class="error"[^>]*role="alert"/);
      expect(answer.text).toContain('keep my words');
      expect(await outboxCount('dave')).toBe(before);
      expect(await uploadCount('dave')).toBe(0);
      expect(storedFiles()).toHaveLength(files);
    },
  );

  it.each([
    ['without a token', null],
    ['with a wrong token', 'f'.repeat(64)],
  ])('refuses the multipart form %s (403), storing nothing', async (_name, csrf) => {
    const files = storedFiles().length;
    const answer = await compose(
      'dave',
      { content: 'forged', csrf },
      { bytes: await png(10, 10), filename: 'x.png', contentType: 'image/png' },
    );
    expect(answer.status).toBe(403);
    expect(await uploadCount('dave')).toBe(0);
    expect(storedFiles()).toHaveLength(files);
  });

  it('refuses a multipart form without a session before reading it (403)', async () => {
    const page = await full.send('GET', '/main/login').set('Accept', 'text/html');
    const answer = await full
      .send('POST', '/main/post')
      .set('Cookie', cookiesOf(page.headers['set-cookie']))
      .set('Accept', 'text/html')
      .field('_csrf', csrfOf(page.text))
      .field('content', 'anonymous')
      .attach('file', await png(10, 10), { filename: 'x.png', contentType: 'image/png' });
    expect(answer.status).toBe(403);
  });
});

describe('avatars', () => {
  it('sets an uploaded image as the avatar: a 96x96 thumbnail anyone may read, shown on the person page', async () => {
    const settings = await asBrowser('carol', 'GET', '/main/settings');
    const answer = await asBrowser('carol', 'POST', '/main/settings/avatar')
      .field('_csrf', csrfOf(settings.text))
      .attach('avatar', await png(300, 200, '#ff0000'), { filename: 'me.png', contentType: 'image/png' });
    expect(answer.status).toBe(303);

    const profile = await asBrowser('dave', 'GET', '/api/user/carol/profile').set(
      'Accept',
      'application/json',
    );
    expect(profile.status).toBe(200);
    const person = profile.body as { image: Link; pump_io: { fullImage: Link } };
    expect(person.image).toMatchObject({ width: 96, height: 96 });
    expect(person.pump_io.fullImage).toMatchObject({ width: 300, height: 200 });
    const avatar = await full.send('GET', new URL(person.image.url).pathname);
    expect(avatar.status).toBe(200);
    expect(await sharp(avatar.body as Buffer).metadata()).toMatchObject({ width: 96, height: 96 });
    expect((await full.send('GET', new URL(person.pump_io.fullImage.url).pathname)).status).toBe(200);

    const page = await full.send('GET', '/carol').set('Accept', 'text/html');
    expect(page.text).toContain(`src="${new URL(person.image.url).pathname}"`);
  });

  it('refuses a file that is not an image with the settings form again (4xx), the avatar unchanged', async () => {
    const settings = await asBrowser('bob', 'GET', '/main/settings');
    const answer = await asBrowser('bob', 'POST', '/main/settings/avatar')
      .field('_csrf', csrfOf(settings.text))
      .attach('avatar', pdf, { filename: 'x.pdf', contentType: 'application/pdf' });
    expect(answer.status).toBe(415);
    expect(answer.text).toMatch(/class="error"[^>]*role="alert"/);
    const profile = await asBrowser('bob', 'GET', '/api/user/bob/profile').set('Accept', 'application/json');
    expect(profile.status).toBe(200);
    expect((profile.body as Record<string, unknown>).image).toBeUndefined();
  });
});

describe('deleting an uploaded object', () => {
  it('deletes its files', async () => {
    await compose(
      'bob',
      { content: 'soon gone' },
      { bytes: await png(50, 50), filename: 'g.png', contentType: 'image/png' },
    );
    const outbox = await asBrowser('bob', 'GET', '/api/user/bob/feed').set('Accept', 'application/json');
    const object = (outbox.body as Feed).items[0].object;
    const mine = storedFiles().filter((path) => path.includes(object.id.split('/').pop() ?? '-'));
    expect(mine).toHaveLength(2);
    const home = await asBrowser('bob', 'GET', '/');
    const deleted = await asBrowser('bob', 'POST', '/main/delete')
      .type('form')
      .send({ _csrf: csrfOf(home.text), objectId: object.id, objectType: 'image', back: '/' });
    expect(deleted.status).toBe(303);
    for (const path of mine) expect(existsSync(path)).toBe(false);
  });
});
