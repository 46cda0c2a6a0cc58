import { invalid } from '../errors/domain-error';

/** What a report is about: a person, or an object (a note, an image, a comment...), by its id. */
export interface ReportTarget {
  readonly id: string;
  readonly objectType: string;
}

/** A user's report of a post or a person to the node's admins. */
export interface Report {
  readonly id: string;
  /** The nickname of the local user who reported. */
  readonly reporter: string;
  readonly target: ReportTarget;
  /** In the reporter's words; may be empty. */
  readonly reason: string;
  /** ISO time. */
  readonly created: string;
  readonly status: 'open' | 'resolved';
  /** The admin who resolved it, and when; absent while open. */
  readonly resolvedBy?: string;
  readonly resolved?: string;
}

/** The longest reason kept: enough for a paragraph, not a place to store documents. */
export const MAX_REPORT_REASON_LENGTH = 2000;

/**
 * The reason of a report as given: absent or a string up to {@link MAX_REPORT_REASON_LENGTH} characters
 * (trimmed); anything else is a 400 `report.bad-reason`.
 */
export function reportReason(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalid('report.bad-reason', 'The reason must be text.');
  const reason = value.trim();
  if (reason.length > MAX_REPORT_REASON_LENGTH) {
    throw invalid('report.bad-reason', `The reason is longer than ${MAX_REPORT_REASON_LENGTH} characters.`);
  }
  return reason;
}
