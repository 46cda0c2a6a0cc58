/** A timestamp as a page shows it: words relative to now, the exact time for a tooltip, their language tag. */
export interface ShownTime {
  readonly relative: string;
  readonly exact: string;
  readonly lang: string;
}

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * The first of the browser's languages (`Accept-Language`, RFC 9110 §12.5.4, best first) that the runtime can
 * format relative times in; English when none is. A malformed tag is skipped, never an error.
 */
export function timeLocaleOf(accepted: readonly string[]): string {
  for (const tag of accepted) {
    try {
      const [supported] = Intl.RelativeTimeFormat.supportedLocalesOf(tag);
      if (supported !== undefined) return supported;
    } catch {
      // A tag the runtime cannot parse: try the next one.
    }
  }
  return 'en';
}

/**
 * `iso` as "5 minutes ago" in `locale` relative to `now`, with the exact time in UTC (the server does not know
 * the viewer's time zone; the `datetime` attribute carries the instant itself). A time a little ahead of `now`
 * (clocks of other servers drift) reads as now. Null for a value that is not a date.
 */
export function shownTime(iso: unknown, now: Date, locale: string): ShownTime | null {
  if (typeof iso !== 'string') return null;
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return null;
  const seconds = Math.round((when.getTime() - now.getTime()) / 1000);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? ['second', 1];
  const words =
    Math.abs(seconds) < 45 ? relative.format(0, 'second') : relative.format(Math.trunc(seconds / size), unit);
  const exact = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'long',
    timeZone: 'UTC',
  }).format(when);
  return { relative: words, exact, lang: locale };
}
