import request from 'supertest';

import { userStreamName } from '../../../../src/domain/distribution/stream-names';

import { asUser, CSRF, createWebTestApp, h1s, type WebTestApp } from './web-test-app';

const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };

/** The `<article class="activity">` elements of a page whose text holds `text`. */
function articlesWith(html: string, text: string): string[] {
  return (html.match(/<article class="activity">[\s\S]*?<\/article>/g) ?? []).filter((a) => a.includes(text));
}

describe('editing and deleting one’s own posts in the web UI', () => {
  let web: WebTestApp;
  let noteId: string;
  let notePath: string;

  beforeEach(async () => {
    web = createWebTestApp();
    for (const nickname of ['alice', 'bob']) await web.register(nickname);
    const note = await web.post('alice', {
      verb: 'post',
      object: { objectType: 'note', content: '<p>First words &amp; more</p><p>Line two</p>' },
      to: [PUBLIC],
    });
    noteId = note.objectId ?? '';
    notePath = `/alice/note/${noteId.split('/').pop() ?? ''}`;
  });

  const get = (path: string, nickname: string | null) => asUser(request(web.app).get(path), nickname);
  const post = (path: string, nickname: string | null, form: Record<string, string>) =>
    asUser(request(web.app).post(path), nickname)
      .type('form')
      .send({ _csrf: CSRF, ...form });
  const lastVerbOf = async (nickname: string) => {
    const [last] = await web.storage.streams.page(userStreamName(nickname, 'outbox'), { count: 1 });
    return (await web.storage.activities.findById(last))?.verb;
  };

  it.each([
    ['/alice', 'alice', true],
    [null, 'alice', true],
    ['/alice', 'bob', false],
    [null, 'bob', false],
    [null, null, false],
  ])('on %s (null: the note’s page) as %s, shows the edit and delete forms: %s', async (path, who, shown) => {
    const html = (await get(path ?? notePath, who)).text;
    expect(html.includes('action="/main/edit"')).toBe(shown);
    expect(html.includes('action="/main/delete"')).toBe(shown);
    if (shown) {
      // The edit form starts from the note's text, as typed (paragraphs as blank lines, escaped once by the template).
      expect(html).toMatch(
        /<textarea[^>]*name="content"[^>]*>First words &amp; more\n\nLine two<\/textarea>/,
      );
      expect(html).toContain(`name="_csrf" value="${CSRF}"`);
    }
  });

  it('edits the note through an update activity, and shows the new text', async () => {
    const res = await post('/main/edit', 'alice', {
      objectId: noteId,
      objectType: 'note',
      content: 'New <words>',
      back: notePath,
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(notePath);
    expect((await web.storage.objects.findById(noteId))?.content).toBe('<p>New &lt;words&gt;</p>');
    expect(await lastVerbOf('alice')).toBe('update');
    expect((await get(notePath, 'bob')).text).toContain('New &lt;words&gt;');
  });

  it('refuses an edit or a delete by someone else, and changes nothing', async () => {
    const edit = await post('/main/edit', 'bob', {
      objectId: noteId,
      objectType: 'note',
      content: 'Mine now',
    });
    expect(edit.status).toBe(400);
    expect(edit.text).toContain('Only the author can update this object.');
    const del = await post('/main/delete', 'bob', { objectId: noteId, objectType: 'note' });
    expect(del.status).toBe(400);
    const stored = await web.storage.objects.findById(noteId);
    expect(stored?.content).toContain('First words');
    expect(stored?.deleted).toBeUndefined();
    expect(await lastVerbOf('bob')).toBe('create');
  });

  it('refuses an empty edit, and an anonymous browser is sent to log in', async () => {
    const empty = await post('/main/edit', 'alice', { objectId: noteId, objectType: 'note', content: '  ' });
    expect(empty.status).toBe(400);
    const anonymous = await post('/main/delete', null, { objectId: noteId, objectType: 'note' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/main\/login/);
    expect((await web.storage.objects.findById(noteId))?.deleted).toBeUndefined();
    expect(await lastVerbOf('alice')).toBe('post');
  });

  it('deletes the note through a delete activity; its page and the streams then show a tombstone', async () => {
    const res = await post('/main/delete', 'alice', { objectId: noteId, objectType: 'note', back: notePath });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(notePath);
    expect((await web.storage.objects.findById(noteId))?.deleted).toBeDefined();
    expect(await lastVerbOf('alice')).toBe('delete');

    const page = await get(notePath, 'bob');
    expect(page.status).toBe(410);
    expect(h1s(page.text)).toEqual(['Deleted note']);
    expect(page.text).toContain('This note by <a class="person" href="/alice">alice</a> was deleted');
    expect((await get(`/bob/note/${noteId.split('/').pop() ?? ''}`, 'bob')).status).toBe(404);

    const [posted] = articlesWith((await get('/alice', 'alice')).text, 'posted');
    expect(posted).toContain('class="tombstone"');
    expect(posted).not.toContain('First words');
    expect(posted).not.toContain('action="/main/edit"');
    expect(posted).not.toContain('action="/main/like"');
  });
});
