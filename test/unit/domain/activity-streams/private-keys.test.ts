import { withoutPrivateKeys } from '../../../../src/domain/activity-streams/private-keys';

describe('withoutPrivateKeys', () => {
  it('drops `_` keys at every level, in arrays too, and leaves the input alone', () => {
    const input = { _a: 1, b: { _c: 2, d: [{ _e: 3, f: 4 }, 'g'] }, h: null };
    expect(withoutPrivateKeys(input)).toEqual({ b: { d: [{ f: 4 }, 'g'] }, h: null });
    expect(input._a).toBe(1);
  });

  it('returns primitives as they are', () => {
    expect(withoutPrivateKeys('x')).toBe('x');
    expect(withoutPrivateKeys(7)).toBe(7);
  });
});
