import {
  escapeHtml,
  generatedActivityContent,
  pastTenseOf,
} from '../../../../src/domain/activity-streams/activity-content';

describe('generated activity content', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('links the actor, the object and the target by name or by type', () => {
    const content = generatedActivityContent({
      verb: 'add',
      actor: { id: 'acct:a@h', objectType: 'person', displayName: 'Alice', url: 'http://h/alice' },
      object: { id: 'http://h/api/image/1', objectType: 'image' },
      target: { id: 'http://h/api/collection/2', objectType: 'collection', displayName: 'Friends' },
    });
    expect(content).toBe(
      "<a href='http://h/alice'>Alice</a> added <a href='http://h/api/image/1'>an image</a> to " +
        "<a href='http://h/api/collection/2'>Friends</a>",
    );
  });

  it('cannot be broken out of by a name or a URL', () => {
    const content = generatedActivityContent({
      verb: 'post',
      actor: { id: 'acct:a@h', objectType: 'person', displayName: '<b>', url: "http://h/' onmouseover='y" },
    });
    expect(content).toBe("<a href='http://h/&#39; onmouseover=&#39;y'>&lt;b&gt;</a> posted");
  });

  it("links a url only on the object's own host, else the object by its id", () => {
    const own = generatedActivityContent({
      verb: 'post',
      actor: { id: 'https://h/api/user/a', objectType: 'person', displayName: 'A', url: 'https://h/a' },
    });
    expect(own).toBe("<a href='https://h/a'>A</a> posted");
    const claimed = generatedActivityContent({
      verb: 'post',
      actor: {
        id: 'https://h/api/user/a',
        objectType: 'person',
        displayName: 'A',
        url: 'https://elsewhere/a',
      },
    });
    expect(claimed).toBe("<a href='https://h/api/user/a'>A</a> posted");
  });

  it('links only http and https URLs, naming anything else as plain text', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>', 'acct:a@h']) {
      const content = generatedActivityContent({
        verb: 'post',
        actor: { id: 'acct:a@h', objectType: 'person', displayName: 'Alice', url },
      });
      expect(content).toBe('Alice posted');
    }
  });

  it('names a person without a displayName by their acct: address, as a follow of someone not yet fetched', () => {
    const content = generatedActivityContent({
      verb: 'follow',
      actor: { id: 'http://a.test/api/user/alice/profile', objectType: 'person', displayName: 'alice' },
      object: { id: 'acct:bob<b>@b.test', objectType: 'person' },
    });
    expect(content).toBe(
      "<a href='http://a.test/api/user/alice/profile'>alice</a> followed bob&lt;b&gt;@b.test",
    );
    // An object that is not a person keeps its kind: "a note".
    const like = generatedActivityContent({
      verb: 'favorite',
      actor: { id: 'acct:carol@c.test', objectType: 'person' },
      object: { id: 'http://c.test/api/note/1', objectType: 'note' },
    });
    expect(like).toBe("carol@c.test favorited <a href='http://c.test/api/note/1'>a note</a>");
  });

  it('uses the past tense it knows, else the verb', () => {
    expect(pastTenseOf('stop-following')).toBe('stopped following');
    expect(pastTenseOf('play')).toBe('play');
  });
});
