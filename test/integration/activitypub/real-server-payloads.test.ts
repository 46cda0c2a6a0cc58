import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SanitizeHtmlSanitizer } from '../../../src/adapters/sanitizing/sanitize-html-sanitizer';
import { inboundAs1Activity } from '../../../src/application/activitypub/inbound-as2';
import { objectToAs1 } from '../../../src/domain/as2/as2-to-as1';

/**
 * What real servers send (test/fixtures/activitypub/<server>/, sources in test/fixtures/activitypub/SOURCES.md), through the one AS2 → AS1
 * mapping (src/domain/as2) and the HTML cleaning the inbox applies (src/application/activitypub/inbound-as2.ts),
 * to the AS1 activity the publish path takes. One row per payload. Reads files, hence integration.
 */

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'activitypub');
const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };
const person = (id: string) => ({ id, objectType: 'person' });
const collection = (id: string) => ({ id, objectType: 'collection' });
const NOFOLLOW = 'rel="noopener noreferrer nofollow"';

const read = (file: string): unknown => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
// The fixtures' actors' followers collections all end so; the inbox learns it from the actor document.
const senders = { isFollowersCollection: (id: string) => id.endsWith('/followers') };
const sanitizer = new SanitizeHtmlSanitizer();

const MASTO = 'http://mastodon.example.org/users/admin';
const LAIN = 'http://localtesting.pleroma.lol/users/lain';
const LAIN_FOLLOW = {
  objectType: 'activity',
  id: `${LAIN}#follows/4`,
  verb: 'follow',
  actor: person(LAIN),
  object: { id: MASTO },
};

type Row = readonly [file: string, expected: Record<string, unknown> | string];

const ACTIVITIES: Row[] = [
  // Mastodon
  ['mastodon/follow.json', { verb: 'follow', actor: person(MASTO), object: { id: LAIN } }],
  ['mastodon/accept-follow.json', { verb: 'accept', actor: person(MASTO), object: LAIN_FOLLOW }],
  ['mastodon/reject-follow.json', { verb: 'reject', actor: person(MASTO), object: LAIN_FOLLOW }],
  [
    'mastodon/create-note-mention-hashtag.json',
    {
      verb: 'post',
      to: [PUBLIC],
      cc: [collection(`${MASTO}/followers`), person(LAIN)],
      object: {
        objectType: 'note',
        summary: 'cw',
        // Mastodon's h-card spans and classes go; the link stays, marked nofollow as a local post's would be.
        content: `<p><a href="${LAIN}" ${NOFOLLOW}>@lain</a> #moo</p>`,
        author: person(MASTO),
        url: 'http://mastodon.example.org/@admin/99512778738411822',
      },
    },
  ],
  [
    'mastodon/create-note-attachment.json',
    {
      verb: 'post',
      object: {
        objectType: 'note',
        attachments: [
          {
            objectType: 'file',
            url: 'http://mastodon.example.org/system/media_attachments/files/000/000/002/original/334ce029e7bfb920.jpg',
          },
        ],
      },
    },
  ],
  [
    'mastodon/like.json',
    {
      verb: 'favorite',
      object: { id: 'http://localtesting.pleroma.lol/objects/eb92579d-3417-42a8-8652-2492c2d4f454' },
    },
  ],
  [
    'mastodon/announce.json',
    {
      verb: 'share',
      object: { id: 'http://mastodon.example.org/@admin/99541947525187367' },
      to: [PUBLIC],
      cc: [person(MASTO), collection(`${MASTO}/followers`)],
    },
  ],
  [
    'mastodon/undo-like.json',
    {
      verb: 'unfavorite',
      object: { id: 'http://localtesting.pleroma.lol/objects/eb92579d-3417-42a8-8652-2492c2d4f454' },
    },
  ],
  [
    'mastodon/undo-announce.json',
    { verb: 'unshare', object: { id: 'http://mastodon.example.org/@admin/99541947525187367' } },
  ],
  ['mastodon/undo-follow.json', { verb: 'stop-following', object: { id: LAIN } }],
  [
    'mastodon/delete-note.json',
    {
      verb: 'delete',
      object: { id: 'http://mastodon.example.org/users/gargron/statuses/99620895606148759' },
    },
  ],
  ['mastodon/delete-person.json', { verb: 'delete', actor: person(MASTO), object: person(MASTO) }],
  [
    'mastodon/update-person.json',
    {
      verb: 'update',
      object: {
        ...person('http://mastodon.example.org/users/gargron'),
        displayName: 'gargle',
        preferredUsername: 'gargron',
        summary: '<p>Some bio</p>',
        image: { url: 'https://cd.niu.moe/accounts/avatars/000/033/323/original/fd7f8ae0b3ffedc9.jpeg' },
      },
    },
  ],
  // GoToSocial
  [
    'gotosocial/testrig-create-note-attachment.json',
    {
      verb: 'post',
      // Followers in `to`, Public in `cc`: Mastodon's "unlisted".
      to: [collection('https://ondergrond.org/users/dumpsterqueer/followers')],
      cc: [PUBLIC],
      object: {
        objectType: 'note',
        summary: 'selfie',
        attachments: [
          expect.objectContaining({ objectType: 'file', displayName: expect.stringMatching(/^me sitting/) }),
        ],
      },
    },
  ],
  [
    'gotosocial/accept-interaction.json',
    {
      verb: 'accept',
      // A bare status id, not a Follow: GoToSocial's approval of a reply (its documentation's "interaction policy" page).
      object: { id: 'https://somewhere.else.example.org/users/someone/statuses/01J17XY2VXGMNNPH1XR7BG2524' },
      to: [person('https://somewhere.else.example.org/users/someone')],
      cc: [PUBLIC, collection('https://example.org/users/post_author/followers')],
    },
  ],
  [
    'gotosocial/reject-interaction.json',
    {
      verb: 'reject',
      object: { id: 'https://somewhere.else.example.org/users/someone/statuses/01J17XY2VXGMNNPH1XR7BG2524' },
    },
  ],
  // Misskey
  [
    'misskey/like-custom-emoji-reaction.json',
    {
      verb: 'favorite',
      actor: person('https://misskey.local.live/users/8x8yep20u2'),
      object: { id: 'https://pleroma.local.live/objects/89937a53-2692-4631-bb62-770091267391' },
    },
  ],
  [
    'misskey/like-reaction.json',
    { verb: 'favorite', cc: [person('https://testing.pleroma.lol/users/lain')] },
  ],
  // Pleroma
  [
    'pleroma/create-reply-mention.json',
    {
      verb: 'post',
      to: [person('https://mk.absturztau.be/users/8ozbzjs3o8'), PUBLIC],
      object: {
        objectType: 'comment',
        content: `<a href="https://mk.absturztau.be/@mametsuko" ${NOFOLLOW}>@mametsuko</a> meow`,
        inReplyTo: { id: 'https://mk.absturztau.be/notes/93e7nm8wqg', objectType: 'note' },
      },
    },
  ],
  // Pleroma's emoji reaction has no AS1 verb: refused with a reason, not mistaken for a like.
  ['pleroma/emoji-react.json', 'unsupported-type'],
];

/** Objects without their activity: what a fetch of the object answers. */
const OBJECTS: Row[] = [
  [
    'gotosocial/note-content-map.json',
    {
      objectType: 'note',
      content: '<p>This is an example note.</p>',
      author: person('http://example.org/users/i_p_freely'),
      published: '2021-11-20T13:32:16Z',
    },
  ],
  [
    'gotosocial/note-emoji.json',
    { objectType: 'note', content: "<p>here's a stinky creature -> :shocked_pikachu:</p>" },
  ],
  [
    'misskey/note.json',
    {
      id: 'https://misskey.io/notes/8vs6wxufd0',
      objectType: 'note',
      author: person('https://misskey.io/users/83ssedkv53'),
    },
  ],
];

describe('real servers’ activities through the AS2 → AS1 mapping and the inbound HTML cleaning', () => {
  it.each(ACTIVITIES)('%s', (file, expected) => {
    const as2 = read(file) as Record<string, unknown>;
    const as1 = inboundAs1Activity(as2, senders, sanitizer);
    if (typeof expected === 'string') {
      expect(as1).toBe(expected);
      return;
    }
    expect(as1).toMatchObject({ id: as2.id, ...expected });
  });

  it('mastodon/undo-announce.json: its embedded Announce, addressed to the old http: spelling of Public, is public', () => {
    const undo = read('mastodon/undo-announce.json') as { object: Record<string, unknown> };
    expect(inboundAs1Activity(undo.object, senders, sanitizer)).toMatchObject({
      verb: 'share',
      to: [PUBLIC],
    });
  });

  it.each(OBJECTS)('%s (an object alone)', (file, expected) => {
    expect(objectToAs1(read(file) as Record<string, unknown>)).toMatchObject(expected as object);
  });
});
