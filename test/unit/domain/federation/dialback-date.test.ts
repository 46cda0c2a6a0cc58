import {
  DIALBACK_WINDOW_MS,
  formatHttpDate,
  isWithinDialbackWindow,
  parseHttpDate,
} from '../../../../src/domain/federation/dialback-date';

describe('Dialback dates', () => {
  it('formats RFC 1123 in whole seconds, rounded down so it is never in the future', () => {
    expect(formatHttpDate(Date.parse('2026-12-07T18:34:23.999Z'))).toBe('Mon, 07 Dec 2026 18:34:23 GMT');
  });

  it('parses what it formats, and refuses empty, unparseable and over-long values', () => {
    expect(parseHttpDate('Mon, 07 Dec 2026 18:34:23 GMT')).toBe(Date.parse('2026-12-07T18:34:23Z'));
    expect(parseHttpDate('')).toBeNull();
    expect(parseHttpDate('yesterday')).toBeNull();
    expect(parseHttpDate(`Mon, 07 Dec 2026 18:34:23 GMT${' '.repeat(100)}`)).toBeNull();
  });

  it('accepts five minutes either way, bounds included, and nothing beyond', () => {
    const now = Date.parse('2026-12-07T18:34:23Z');
    expect(isWithinDialbackWindow(now - DIALBACK_WINDOW_MS, now)).toBe(true);
    expect(isWithinDialbackWindow(now + DIALBACK_WINDOW_MS, now)).toBe(true);
    expect(isWithinDialbackWindow(now - DIALBACK_WINDOW_MS - 1, now)).toBe(false);
    expect(isWithinDialbackWindow(now + DIALBACK_WINDOW_MS + 1, now)).toBe(false);
  });
});
