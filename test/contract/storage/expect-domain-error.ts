import { DomainError, type ErrorKind } from '../../../src/domain/errors/domain-error';

/** Asserts that `promise` rejects with a DomainError of exactly this kind and code. */
export async function expectDomainError(
  promise: Promise<unknown>,
  kind: ErrorKind,
  code: string,
): Promise<void> {
  const outcome = await promise.then(
    (value: unknown) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) {
    throw new Error(`Expected a ${kind} DomainError (${code}), but the call resolved.`);
  }
  expect(outcome.error).toBeInstanceOf(DomainError);
  expect(outcome.error).toMatchObject({ kind, code });
}
