import { join } from 'node:path';

import express from 'express';
import request from 'supertest';

import { errorHandler } from '../../../../src/adapters/http/error-handler.middleware';
import { webErrorPages } from '../../../../src/adapters/http/web/web-error.renderer';
import { PugTemplateRenderer } from '../../../../src/adapters/templating/pug/pug-template-renderer';
import { forbidden } from '../../../../src/domain/errors/domain-error';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { RecordingLogger } from '../recording-logger';

import { asUser, createWebTestApp, FakeWebSession, h1s, type WebTestApp } from './web-test-app';

const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };

describe('web pages', () => {
  let web: WebTestApp;
  let note: { id: string; objectId: string | null };

  beforeAll(async () => {
    web = createWebTestApp();
    await web.register('alice');
    await web.register('bob');
    await web.post('bob', {
      verb: 'follow',
      object: { id: web.site.personId('alice'), objectType: 'person' },
    });
    note = await web.post('alice', {
      verb: 'post',
      object: { objectType: 'note', content: '<p>Hello pumps</p>' },
      to: [PUBLIC],
    });
  });

  const get = (path: string, nickname: string | null = null) => asUser(request(web.app).get(path), nickname);
  const uuidOf = (id: string) => id.split('/').pop() ?? '';

  it.each([
    ['/', null, 'Test Pump'],
    ['/main/login', null, 'Log in'],
    ['/main/register', null, 'Create an account'],
    ['/', 'bob', 'Home'],
    ['/main/settings', 'bob', 'Settings'],
    ['/alice', null, 'alice'],
    ['/alice/followers', 'bob', 'Followers of alice'],
    ['/bob/following', 'bob', 'Followed by bob'],
    ['/alice/favorites', null, 'Favorites of alice'],
    ['/alice/lists', 'alice', 'Lists of alice'],
    ['/main/javascript', null, 'JavaScript license information'],
  ])('GET %s as %s renders one h1 "%s"', async (path, nickname, h1) => {
    const res = await get(path, nickname);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    expect(h1s(res.text)).toEqual([h1]);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('href="#main"');
    // No inline script or style: the CSP forbids them.
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|<style/);
  });

  it("gives the login form pump.io's ids, through which scripts written for pump.io log in", async () => {
    const page = (await get('/main/login')).text;
    const box = page.slice(page.indexOf('<div id="loginpage">'));
    expect(box).toMatch(/^<div id="loginpage"><form[^>]*action="\/main\/login"/);
    expect(box).toMatch(/<input id="nickname"[^>]*name="nickname"/);
    expect(box).toMatch(/<input id="password"[^>]*name="password"/);
    expect(box).toMatch(/<button[^>]*type="submit"/);
    expect(page).toContain('<label for="nickname">Nickname</label>');
  });

  it('shows the home inbox with the followed note, the composer and the form token', async () => {
    const res = await get('/', 'bob');
    expect(res.text).toContain('Hello pumps');
    expect(res.text).toContain('id="composer"');
    expect(res.text).toContain('name="_csrf" value="test-csrf-token"');
    // Every input with an id has a label.
    const ids = [...res.text.matchAll(/<(?:input|textarea|select)[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    for (const id of ids) expect(res.text).toContain(`for="${id}"`);
  });

  it('renders the object page with its replies, likes and shares sections, and the activity page', async () => {
    const objectPage = await get(`/alice/note/${uuidOf(note.objectId ?? '')}`, 'bob');
    expect(objectPage.status).toBe(200);
    expect(objectPage.text).toContain('Hello pumps');
    expect(objectPage.text).toContain('Replies');
    expect(objectPage.text).toContain('id="reply-form"');
    const activityPage = await get(`/alice/activity/${uuidOf(note.id)}`, null);
    expect(activityPage.status).toBe(200);
    expect(h1s(activityPage.text)).toEqual(['Activity by alice']);
  });

  it('answers 404 pages for an unknown person, object under the wrong author, and any unknown path', async () => {
    expect((await get('/nobody-here')).status).toBe(404);
    const wrongAuthor = await get(`/bob/note/${uuidOf(note.objectId ?? '')}`);
    expect(wrongAuthor.status).toBe(404);
    expect(h1s(wrongAuthor.text)).toEqual(['Page not found']);
    const unknown = await get('/alice/nothing/here/at/all');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toBe('text/html');
  });

  it('leaves API paths and clients without an Accept header to the API', async () => {
    const api = await request(web.app).get('/api/nothing').set('Accept', 'text/html');
    expect(api.status).toBe(404);
    expect(api.body).toEqual({ error: expect.any(String) });
    const bare = await request(web.app).get('/alice').unset('Accept');
    expect(bare.type).not.toBe('text/html');
  });

  it('sends an anonymous browser to the login page for pages that need a login, and back afterwards', async () => {
    const settings = await get('/main/settings');
    expect(settings.status).toBe(303);
    expect(settings.headers.location).toBe('/main/login?continue=%2Fmain%2Fsettings');
    const post = await request(web.app)
      .post('/main/post')
      .type('form')
      .send({ content: 'x', audience: 'public' });
    expect(post.status).toBe(303);
    expect(post.headers.location).toMatch(/^\/main\/login/);
  });

  it('sends an anonymous browser to log in for a followers-only note, and shows a logged-in stranger a 403 page', async () => {
    await web.register('carol');
    const followersOnly = await web.post('alice', {
      verb: 'post',
      object: { objectType: 'note', content: 'for followers' },
      to: [{ id: web.site.followersCollectionId('alice'), objectType: 'collection' }],
    });
    const path = `/alice/note/${uuidOf(followersOnly.objectId ?? '')}`;
    const anonymous = await get(path);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe(`/main/login?continue=${encodeURIComponent(path)}`);
    expect((await get(path, 'carol')).status).toBe(403);
    expect((await get(path, 'bob')).status).toBe(200);
  });

  it('escapes a hostile display name everywhere it is shown', async () => {
    await web.register('mallory');
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const person = await web.storage.objects.findById(web.site.personId('mallory'));
    await web.storage.objects.save({ ...person!, displayName: hostile, url: 'javascript:alert(3)' });
    await web.post('mallory', { verb: 'post', object: { objectType: 'note', content: 'hi' }, to: [PUBLIC] });
    await web.post('bob', {
      verb: 'follow',
      object: { id: web.site.personId('mallory'), objectType: 'person' },
    });
    for (const [path, viewer] of [
      ['/mallory', null],
      ['/mallory/followers', null],
      ['/bob/following', 'bob'],
    ] as const) {
      const res = await get(path, viewer);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('<script>alert(1)');
      expect(res.text).not.toContain('<img src=x');
      expect(res.text).not.toContain('javascript:');
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('serves the stylesheet and the script with caching, and nothing outside public/', async () => {
    const css = await request(web.app).get('/public/css/pumphouse.css');
    expect(css.status).toBe(200);
    expect(css.type).toBe('text/css');
    expect(css.headers['cache-control']).toBe('public, max-age=3600');
    expect(css.headers.etag).toBeDefined();
    const js = await request(web.app).get('/public/js/pumphouse.js');
    expect(js.text.startsWith('// @license magnet:')).toBe(true);
    expect(js.text.trimEnd().endsWith('// @license-end')).toBe(true);
    expect((await request(web.app).get('/public/../package.json')).status).toBe(404);
  });

  it('pages streams with older and newer links', async () => {
    await web.register('poster');
    for (let i = 0; i < 23; i += 1) {
      await web.post('poster', {
        verb: 'post',
        object: { objectType: 'note', content: `note ${i}` },
        to: [PUBLIC],
      });
    }
    const first = await get('/poster');
    const older = /href="(\/poster\?before=[^"]+)"/.exec(first.text)?.[1];
    expect(older).toBeDefined();
    expect(first.text).not.toContain('?since=');
    const second = await get(older!.replace(/&amp;/g, '&'));
    expect(second.status).toBe(200);
    expect(second.text).toContain('note 0');
    expect(second.text).toMatch(/href="\/poster\?since=[^"]+"/);
  });
});

describe('webErrorPages, for the app to mount before its error handler', () => {
  it('renders errors of other routers as the HTML page for browsers only, and leaves /api and non-HTML clients alone', async () => {
    const logger = new RecordingLogger();
    const app = express();
    app.use((_req, _res, next) => next(forbidden('csrf.invalid', 'Invalid or missing form token.')));
    app.use(
      webErrorPages({
        templates: new PugTemplateRenderer(join(__dirname, '../../../../views')),
        session: new FakeWebSession(SiteUrls.fromBaseUrl('http://localhost:4815')),
        siteName: 'Test Pump',
        logger,
      }),
    );
    app.use(errorHandler(logger));
    const page = await request(app).post('/main/post').set('Accept', 'text/html');
    expect(page.status).toBe(403);
    expect(page.type).toBe('text/html');
    expect(h1s(page.text)).toEqual(['Not for you']);
    expect(page.text).toContain('Invalid or missing form token.');
    const api = await request(app).post('/api/user/x/feed').set('Accept', 'text/html');
    expect(api.body).toEqual({ error: 'Invalid or missing form token.' });
    const text = await request(app).post('/main/post').unset('Accept');
    expect(text.type).toBe('text/plain');
  });
});
