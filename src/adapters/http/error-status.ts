import type { ErrorKind } from '../../domain/errors/domain-error';

/** The one table from domain error kinds to HTTP statuses (docs/architecture.md §6). */
export const STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'too-large': 413,
  'unsupported-type': 415,
};

/** What a client is told about a failure that is not its fault; details go to the log only. */
export const INTERNAL_ERROR_MESSAGE = 'Internal server error';
