import {
  pagingLinks,
  presentCollection,
} from '../../../../../src/adapters/http/presenters/collection.presenter';

const url = 'http://h/api/users';

describe('collection presenter', () => {
  it('links prev to the first item and next to the last when more remain (offset mode)', () => {
    const links = pagingLinks({
      url,
      range: { count: 2 },
      totalItems: 3,
      items: ['c', 'b'],
      cursors: ['c', 'b'],
    });
    expect(links).toEqual({
      first: { href: url },
      self: { href: url },
      prev: { href: `${url}?since=c` },
      next: { href: `${url}?before=b` },
    });
  });

  it('has no next at the end of an offset page, and no prev/next without items', () => {
    expect(
      pagingLinks({ url, range: { count: 2, offset: 1 }, totalItems: 3, items: [1, 2], cursors: ['b', 'a'] })
        .next,
    ).toBeUndefined();
    expect(pagingLinks({ url, range: { count: 2 }, totalItems: 0, items: [], cursors: [] })).toEqual({
      first: { href: url },
      self: { href: url },
    });
  });

  it('has next for a full before page and for any since page; encodes cursors and keeps extra params', () => {
    const before = pagingLinks({
      url,
      range: { count: 1, before: 'z' },
      totalItems: 9,
      items: [1],
      cursors: ['a b'],
    });
    expect(before.next).toEqual({ href: `${url}?before=a%20b` });
    const since = pagingLinks({
      url: `${url}?id=x`,
      range: { count: 5, since: 'z' },
      totalItems: 9,
      items: [1],
      cursors: ['http://h/1'],
      linkParams: { type: 'note' },
    });
    expect(since.next).toEqual({ href: `${url}?id=x&type=note&before=http%3A%2F%2Fh%2F1` });
  });

  it('puts the header fields first, then totalItems, items and links', () => {
    const doc = presentCollection(
      { displayName: 'D' },
      { url, range: { count: 20 }, totalItems: 0, items: [], cursors: [] },
    );
    expect(Object.keys(doc)).toEqual(['displayName', 'totalItems', 'items', 'links']);
  });
});
