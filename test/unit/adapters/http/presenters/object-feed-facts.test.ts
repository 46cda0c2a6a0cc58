import {
  type FactsPlan,
  factsOf,
  type KnownFacts,
} from '../../../../../src/adapters/http/presenters/object-feed-facts';

const NOTE = 'https://social.example/api/note/1';
const feed = (name: string) => ({ stream: `${name}:${NOTE}`, url: `${NOTE}/${name}` });
const plan: FactsPlan = {
  object: { id: NOTE, objectType: 'note', links: { 'activity-outbox': { href: `${NOTE}/feed` } } },
  feeds: { likes: feed('likes'), shares: feed('shares'), replies: feed('replies') },
  followable: true,
  counted: [],
  inlined: [],
};
const counts: Record<string, number> = { [feed('likes').stream]: 2, [feed('replies').stream]: 3 };

function known(withViewer: boolean): KnownFacts {
  return {
    count: (stream) => counts[stream] ?? 0,
    newest: new Map([[feed('likes').stream, ['acct:a@x', 'acct:b@x']]]),
    visibleReplies: new Map([[feed('replies').stream, ['reply-1']]]),
    holding: new Set([feed('likes').stream]),
    followed: new Set(),
    withViewer,
  };
}

/** docs/protocol.md §4.4: what the batched reads of a page make of one object. */
describe('factsOf', () => {
  it('shows every feed with its total, first items of non-empty ones, and the viewer facts', () => {
    expect(factsOf(plan, known(true), undefined)).toEqual({
      likes: { url: `${NOTE}/likes`, totalItems: 2, itemIds: ['acct:a@x', 'acct:b@x'] },
      shares: { url: `${NOTE}/shares`, totalItems: 0 },
      // Only the replies the viewer may see are shown; the total counts them all.
      replies: { url: `${NOTE}/replies`, totalItems: 3, itemIds: ['reply-1'] },
      liked: true,
      shared: false,
      followed: false,
    });
  });

  it('says nothing of liked, shared or followed without a viewer', () => {
    const facts = factsOf(plan, known(false), undefined);
    expect(facts).not.toHaveProperty('liked');
    expect(facts).not.toHaveProperty('shared');
    expect(facts).not.toHaveProperty('followed');
    expect(facts.likes?.itemIds).toHaveLength(2);
  });

  it('adds person counts only when given (an object on its own, not a stream item)', () => {
    const personCounts = { followers: 1, following: 2, favorites: 3, lists: 4 };
    expect(factsOf(plan, known(true), personCounts).personCounts).toEqual(personCounts);
    expect(factsOf(plan, known(true), undefined)).not.toHaveProperty('personCounts');
  });
});
