import type { Storage } from '../../../src/application/ports/storage/unit-of-work.port';
import type { FakeClock } from '../../support/fake-clock';

/** One freshly opened, empty store under test, with the clock it was given. */
export interface TestStore {
  readonly storage: Storage;
  readonly clock: FakeClock;
  /** Opens the same data again after `storage.close()`; only adapters that keep data across opens have it. */
  readonly reopen?: () => Promise<Storage>;
  /** Frees what the store used (temporary files); called after the store is closed. */
  readonly cleanup?: () => Promise<void>;
}

/** How a runner hands the contract suites a new, empty store of its adapter. */
export type OpenTestStore = () => Promise<TestStore>;

/**
 * Opens a fresh store before each test of the enclosing describe block and closes it after; answers a getter for
 * the current one. Every test therefore starts from an empty store.
 */
export function useTestStore(open: OpenTestStore): () => TestStore {
  let current: TestStore | undefined;
  beforeEach(async () => {
    current = await open();
  });
  afterEach(async () => {
    const store = current;
    current = undefined;
    if (store === undefined) return;
    await store.storage.close();
    await store.cleanup?.();
  });
  return () => {
    if (current === undefined) throw new Error('No store is open: use the getter inside a test.');
    return current;
  };
}
