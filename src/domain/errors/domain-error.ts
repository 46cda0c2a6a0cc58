/**
 * The kinds of failure the domain can report. The HTTP adapter maps each kind to one status code; nothing below
 * the adapters knows about HTTP.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'gone'
  | 'too-large'
  | 'unsupported-type';

/**
 * A failure with a stable dotted `code` (for logs, tests and clients) and a human `message` safe to show to the
 * caller. Anything that is not a DomainError is a bug and is reported as a generic internal error.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('invalid', code, message, details);
export const unauthenticated = (code: string, message: string): DomainError =>
  new DomainError('unauthenticated', code, message);
export const forbidden = (code: string, message: string): DomainError =>
  new DomainError('forbidden', code, message);
export const notFound = (code: string, message: string): DomainError =>
  new DomainError('not-found', code, message);
export const conflict = (code: string, message: string): DomainError =>
  new DomainError('conflict', code, message);
export const gone = (code: string, message: string): DomainError => new DomainError('gone', code, message);
/** The request's content is larger than allowed (a file over the size limit or over its owner's quota). */
export const tooLarge = (code: string, message: string): DomainError =>
  new DomainError('too-large', code, message);
/** The request's content is of a media type that is not accepted. */
export const unsupportedType = (code: string, message: string): DomainError =>
  new DomainError('unsupported-type', code, message);

/** True when `error` is a DomainError, optionally of the given kind. */
export function isDomainError(error: unknown, kind?: ErrorKind): error is DomainError {
  return error instanceof DomainError && (kind === undefined || error.kind === kind);
}
