import type { Storage } from '../../src/application/ports/storage/unit-of-work.port';
import { InMemoryDialbackTokens } from './dialback-fakes';

/**
 * TEMPORARY, test code only (issue 12): the storage adapters of DialbackTokenRepository arrive from main as
 * `dialbackTokens` on the Repositories bundle, which the composition root already uses. Until this branch is
 * merged with them, a store without that member gets the in-test fake here; after the merge this is a no-op and
 * may be deleted with its calls.
 */
export function withDialbackTokens<S extends Storage>(storage: S): S {
  if (!('dialbackTokens' in storage))
    Object.assign(storage, { dialbackTokens: new InMemoryDialbackTokens() });
  return storage;
}
