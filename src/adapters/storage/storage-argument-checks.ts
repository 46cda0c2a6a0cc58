import { invalid } from '../../domain/errors/domain-error';

/**
 * Argument checks every storage adapter makes the same way, so that memory, SQLite and MongoDB refuse the same
 * bad input with the same DomainError (the contract suite pins them).
 */

/** A page count or offset: a whole number, 0 or more; anything else is `stream.range-invalid`. */
export function assertWholeNumber(value: number, what: 'count' | 'offset'): void {
  if (!Number.isInteger(value) || value < 0) {
    throw invalid('stream.range-invalid', `A page ${what} is a whole number, 0 or more.`, { [what]: value });
  }
}

/** A job's `runAt`: a Date that holds a time; an Invalid Date or a non-Date is `job.run-at-invalid`. */
export function assertRunAt(runAt: unknown): asserts runAt is Date {
  // Not `instanceof Date`: a Date made in another realm (a vm context, a jest test file) is still a Date.
  if (Object.prototype.toString.call(runAt) !== '[object Date]' || Number.isNaN((runAt as Date).getTime())) {
    throw invalid('job.run-at-invalid', 'A job runAt is a valid Date.');
  }
}

/** The most jobs one `list` answers, whatever the caller asks. */
export const MAX_JOB_LIST_LIMIT = 1000;

/** A job list limit: a whole number from 1 to {@link MAX_JOB_LIST_LIMIT}; anything else is `job.limit-invalid`. */
export function jobListLimit(limit: number | undefined): number {
  if (limit === undefined) return 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_JOB_LIST_LIMIT) {
    throw invalid('job.limit-invalid', `A job list limit is a whole number from 1 to ${MAX_JOB_LIST_LIMIT}.`);
  }
  return limit;
}
