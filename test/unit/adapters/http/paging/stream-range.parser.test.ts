import { parseStreamRange } from '../../../../../src/adapters/http/paging/stream-range.parser';

describe('parseStreamRange', () => {
  it.each([
    [{}, { count: 20 }],
    [{ count: '0' }, { count: 0 }],
    [
      { count: '200', offset: '5' },
      { count: 200, offset: 5 },
    ],
    [{ before: 'x' }, { count: 20, before: 'x' }],
    [
      { since: 'y', count: '3', q: 'ignored' },
      { count: 3, since: 'y' },
    ],
  ])('reads %j as %j', (query, range) => {
    expect(parseStreamRange(query)).toEqual(range);
  });

  it.each([
    [{ count: '201' }, 'Count must be between 0 and 200'],
    [{ count: '-1' }, 'Count must be between 0 and 200'],
    [{ count: '1.5' }, 'Count must be between 0 and 200'],
    [{ count: ['1', '2'] }, "'count' must be given once"],
    [{ before: '' }, "'before' must not be empty"],
    [{ before: 'a', since: 'b' }, "Can't have both 'before' and 'since'"],
    [{ offset: '1', since: 'b' }, "Can't have 'offset' with 'before' or 'since'"],
    [{ offset: 'x' }, 'Offset must be a whole number'],
  ])('refuses %j with a 400', (query, message) => {
    expect(() => parseStreamRange(query)).toThrow(expect.objectContaining({ kind: 'invalid', message }));
  });
});
