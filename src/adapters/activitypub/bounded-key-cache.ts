import type { KeyCache } from '@fedify/fedify/sig';

type CachedKey = Awaited<ReturnType<KeyCache['get']>>;

/**
 * A per-process {@link KeyCache} for remote public keys, holding at most `capacity` keys (the oldest goes first).
 * Unavailable keys (`null`) are not remembered: the next request fetches again, so a remote server that was down
 * for a moment is not locked out.
 */
export class BoundedKeyCache implements KeyCache {
  private readonly keys = new Map<string, NonNullable<CachedKey>>();

  constructor(private readonly capacity = 1000) {}

  get(keyId: URL): Promise<CachedKey> {
    return Promise.resolve(this.keys.get(keyId.href));
  }

  set(keyId: URL, key: CachedKey): Promise<void> {
    this.keys.delete(keyId.href);
    if (key === null || key === undefined) return Promise.resolve();
    this.keys.set(keyId.href, key);
    if (this.keys.size > this.capacity) {
      const oldest = this.keys.keys().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
    return Promise.resolve();
  }
}
