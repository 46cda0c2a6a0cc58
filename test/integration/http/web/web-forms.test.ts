import request from 'supertest';

import { asUser, CSRF, createWebTestApp, h1s, type WebTestApp } from './web-test-app';

const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };

describe('web forms', () => {
  let web: WebTestApp;

  beforeEach(async () => {
    web = createWebTestApp();
    await web.register('alice');
    await web.register('bob');
  });

  const post = (path: string, nickname: string | null, form: Record<string, string>) =>
    asUser(request(web.app).post(path), nickname)
      .type('form')
      .send({ _csrf: CSRF, ...form });
  const get = (path: string, nickname: string | null) => asUser(request(web.app).get(path), nickname);

  it('registers, logs the browser in and sends it home; a taken nickname renders the form again with 409', async () => {
    const res = await post('/main/register', null, {
      nickname: 'carol',
      password: 'carol-password-1',
      confirm: 'carol-password-1',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(web.session.logIns).toEqual(['carol']);
    expect(await web.storage.users.findByNickname('carol')).not.toBeNull();

    const taken = await post('/main/register', null, {
      nickname: 'carol',
      password: 'carol-password-1',
      confirm: 'carol-password-1',
    });
    expect(taken.status).toBe(409);
    expect(h1s(taken.text)).toEqual(['Create an account']);
    expect(taken.text).toContain('role="alert"');
    const differ = await post('/main/register', null, {
      nickname: 'dave',
      password: 'dave-password-1',
      confirm: 'other',
    });
    expect(differ.status).toBe(400);
    expect(await web.storage.users.findByNickname('dave')).toBeNull();
  });

  it('logs in with the right password only, and goes back to a local continue path only', async () => {
    const wrong = await post('/main/login', null, { nickname: 'alice', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Wrong nickname or password.');
    const unknown = await post('/main/login', null, { nickname: 'ghost', password: 'nope-nope-nope' });
    expect(unknown.text).toContain('Wrong nickname or password.');
    expect(web.session.logIns).toEqual([]);

    const right = await post('/main/login', null, {
      nickname: 'alice',
      password: 'alice-password-1',
      continue: '/main/settings',
    });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/main/settings');
    expect(web.session.logIns).toEqual(['alice']);
    const offsite = await post('/main/login', null, {
      nickname: 'alice',
      password: 'alice-password-1',
      continue: '//evil.example/',
    });
    expect(offsite.headers.location).toBe('/');
  });

  it('logs out with a POST', async () => {
    const res = await post('/main/logout', 'alice', {});
    expect(res.status).toBe(303);
    expect(res.headers['set-cookie']?.[0]).toMatch(/^test-user=;/);
  });

  it('posts a note to the chosen audience, fans it out to followers, and redirects back', async () => {
    await web.post('bob', {
      verb: 'follow',
      object: { id: web.site.personId('alice'), objectType: 'person' },
    });
    const res = await post('/main/post', 'alice', {
      content: 'Hi <b>there</b>\nfriends',
      audience: 'followers',
      back: '/',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const home = await get('/', 'bob');
    // Typed text is text: the tags the author typed are shown, not obeyed.
    expect(home.text).toMatch(/Hi &lt;b&gt;there&lt;\/b&gt;<br ?\/?>friends/);
    const anonymous = await get('/alice', null);
    expect(anonymous.text).not.toContain('friends');

    expect((await post('/main/post', 'alice', { content: '   ', audience: 'public' })).status).toBe(400);
    expect((await post('/main/post', 'alice', { content: 'x', audience: 'everyone' })).status).toBe(400);
  });

  it('posts a note to one person by nickname', async () => {
    await post('/main/post', 'alice', { content: 'just for bob', audience: 'person', person: 'bob' });
    expect((await get('/', 'bob')).text).toContain('just for bob');
  });

  it('follows and unfollows from the profile page', async () => {
    const page = await get('/alice', 'bob');
    expect(page.text).toContain('Follow alice');
    const form = { objectId: web.site.personId('alice'), objectType: 'person', back: '/alice' };
    const follow = await post('/main/follow', 'bob', form);
    expect(follow.status).toBe(303);
    expect(follow.headers.location).toBe('/alice');
    expect(await web.storage.follows.countFollowers(web.site.personId('alice'))).toBe(1);
    expect((await get('/alice', 'bob')).text).toContain('Stop following alice');
    await post('/main/unfollow', 'bob', form);
    expect(await web.storage.follows.countFollowers(web.site.personId('alice'))).toBe(0);
  });

  it('likes, unlikes, shares and replies to a note, each as one activity', async () => {
    const note = await web.post('alice', {
      verb: 'post',
      object: { objectType: 'note', content: 'likeable' },
      to: [PUBLIC],
    });
    const form = { objectId: note.objectId ?? '', objectType: 'note', back: '/' };
    await post('/main/like', 'bob', form);
    const page = `/alice/note/${(note.objectId ?? '').split('/').pop()}`;
    let shown = await get(page, 'bob');
    expect(shown.text).toContain('1 like,');
    expect(shown.text).toContain('Unlike');
    await post('/main/unlike', 'bob', form);
    await post('/main/share', 'bob', form);
    const reply = await post('/main/reply', 'bob', { ...form, content: 'a reply', back: page });
    expect(reply.headers.location).toBe(page);
    shown = await get(page, 'alice');
    expect(shown.text).toContain('0 likes,');
    expect(shown.text).toContain('1 share');
    expect(shown.text).toContain('a reply');
    expect((await post('/main/like', 'bob', { objectId: '', objectType: 'note' })).status).toBe(400);
  });

  it('creates a list, adds and removes a member', async () => {
    const created = await post('/main/lists', 'alice', { displayName: 'Climbers', back: '/alice/lists' });
    expect(created.status).toBe(303);
    const lists = await get('/alice/lists', 'alice');
    const href = /href="(\/alice\/list\/[^"]+)"/.exec(lists.text)?.[1];
    expect(href).toBeDefined();
    const listPage = await get(href!, 'alice');
    expect(h1s(listPage.text)).toEqual(['Climbers']);
    const listId = /name="list" value="([^"]+)"/.exec(listPage.text)?.[1] ?? '';
    await post('/main/lists/add', 'alice', { list: listId, person: 'bob', back: href! });
    const withBob = await get(href!, 'alice');
    expect(withBob.text).toContain('Remove bob from the list');
    await post('/main/lists/remove', 'alice', {
      list: listId,
      person: web.site.personId('bob'),
      back: href!,
    });
    expect((await get(href!, 'alice')).text).toContain('Nobody in this list yet.');
    // The composer offers the list as an audience.
    expect((await get('/', 'alice')).text).toContain('>Climbers</option>');
  });

  it('saves the profile and changes the password only with the current one', async () => {
    const saved = await post('/main/settings/profile', 'alice', {
      displayName: 'Alice A.',
      summary: 'I <3 pumps',
    });
    expect(saved.status).toBe(303);
    const settings = await get('/main/settings', 'alice');
    expect(settings.text).toContain('value="Alice A."');
    expect(settings.text).toContain('I &lt;3 pumps</textarea>');
    expect((await get('/alice', null)).text).toContain('<h1>Alice A.</h1>');

    const wrong = await post('/main/settings/password', 'alice', {
      current: 'bad',
      password: 'new-password-9',
      confirm: 'new-password-9',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('The current password is wrong.');
    const changed = await post('/main/settings/password', 'alice', {
      current: 'alice-password-1',
      password: 'new-password-9',
      confirm: 'new-password-9',
    });
    expect(changed.status).toBe(303);
    const login = await post('/main/login', null, { nickname: 'alice', password: 'new-password-9' });
    expect(login.status).toBe(303);
  });
});
