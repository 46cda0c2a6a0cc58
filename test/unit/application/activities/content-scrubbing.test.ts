import { scrubActivity, scrubObject } from '../../../../src/application/activities/content-scrubbing';
import type { HtmlSanitizer } from '../../../../src/application/ports/html-sanitizer.port';

/** Marks what it cleaned, so a test sees exactly which strings went through the sanitizer. */
const marking: HtmlSanitizer = {
  html: (dirty) => `html(${dirty})`,
  plainText: (dirty) => `text(${dirty})`,
};

const SCRIPT = '<script>alert(1)</script>';

describe('content scrubbing', () => {
  it("cleans an embedded inReplyTo's content, summary, title and displayName like any stored HTML", () => {
    const activity = {
      verb: 'post',
      object: {
        objectType: 'comment',
        content: 'mine',
        inReplyTo: {
          id: 'https://remote.example/note/1',
          objectType: 'note',
          content: SCRIPT,
          summary: SCRIPT,
          title: SCRIPT,
          displayName: SCRIPT,
          author: { id: 'https://remote.example/dan', objectType: 'person', displayName: SCRIPT },
        },
      },
    };
    const clean = scrubActivity(activity, marking);
    expect(clean.object.inReplyTo).toEqual({
      id: 'https://remote.example/note/1',
      objectType: 'note',
      content: `html(${SCRIPT})`,
      summary: `html(${SCRIPT})`,
      title: `html(${SCRIPT})`,
      displayName: `text(${SCRIPT})`,
      author: { id: 'https://remote.example/dan', objectType: 'person', displayName: `text(${SCRIPT})` },
    });
    expect(activity.object.inReplyTo.content).toBe(SCRIPT);
  });

  it('cleans the inReplyTo of an object given alone (PUT of an object, a shortcut)', () => {
    const clean = scrubObject({ objectType: 'comment', inReplyTo: { id: 'x', content: SCRIPT } }, marking);
    expect(clean.inReplyTo).toEqual({ id: 'x', content: `html(${SCRIPT})` });
  });
});
