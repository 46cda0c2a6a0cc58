import { SanitizeHtmlSanitizer } from '../../../../src/adapters/sanitizing/sanitize-html-sanitizer';
import { inboundAs1Activity } from '../../../../src/application/activitypub/inbound-as2';

const ZOE = 'https://remote.test/users/zoe';
const senders = { isFollowersCollection: () => false };
const sanitizer = new SanitizeHtmlSanitizer();

describe('inboundAs1Activity', () => {
  it('cleans the HTML of what an ActivityPub server sends, as for local posts', () => {
    const as1 = inboundAs1Activity(
      {
        id: `${ZOE}/activities/1`,
        type: 'Create',
        actor: { id: ZOE, type: 'Person', name: '<b>Zoe</b><script>x()</script>' },
        summary: '<img src=x onerror=alert(1)>posted',
        object: {
          id: `${ZOE}/notes/1`,
          type: 'Note',
          content: '<p>hi<script>steal()</script><a href="javascript:alert(1)">x</a></p>',
          summary: '<span onclick="x()">cw</span>',
          name: '<i>title</i>',
          inReplyTo: {
            id: `${ZOE}/notes/0`,
            type: 'Note',
            content: '<iframe src="https://evil.test"></iframe>ok',
          },
        },
      },
      senders,
      sanitizer,
    );
    const text = JSON.stringify(as1);
    expect(text).not.toMatch(/script|onerror|onclick|javascript:|iframe/);
    expect(as1).toMatchObject({
      verb: 'post',
      actor: { displayName: 'Zoe' },
      object: { objectType: 'comment', displayName: 'title', inReplyTo: { content: 'ok' } },
    });
  });

  it('answers the refusal of an activity that has no AS1 form', () => {
    expect(inboundAs1Activity({ id: 'x', type: 'Move', actor: ZOE }, senders, sanitizer)).toBe(
      'unsupported-type',
    );
  });
});
