import type { ObjectRepository } from '../../../application/ports/storage/object-repository.port';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import { isPrivateKey, withoutPrivateKeys } from '../../../domain/activity-streams/private-keys';

/**
 * The stored objects one response needs, fetched in batches and remembered for the rest of the response.
 *
 * Invariants: `fetch` asks the repository only for ids it has never asked about (found or not), in one
 * `findManyByIds` call; the cache lives as long as one response, so it never serves stale documents; the public
 * copies handed out by {@link publicCopyOf} are shared by every place of the response that shows the same
 * document, so whoever receives one must never modify it (copy it first).
 */
export class ObjectLookup {
  private readonly known = new Map<string, AsObject | null>();
  private readonly publicCopies = new Map<AsObject, unknown>();

  constructor(private readonly objects: Pick<ObjectRepository, 'findManyByIds'>) {}

  /** Loads every id of `ids` not asked about yet, with one repository call (none when all are known). */
  async fetch(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.known.has(id));
    if (missing.length === 0) {
      return;
    }
    const found = await this.objects.findManyByIds(missing);
    for (const id of missing) {
      this.known.set(id, found.get(id) ?? null);
    }
  }

  /** Remembers documents the caller already holds (an object read by a use case), saving a lookup. */
  seed(objects: Iterable<AsObject>): void {
    for (const object of objects) {
      this.known.set(object.id, object);
    }
  }

  /** The stored document, or undefined when it is unknown or was never fetched. */
  get(id: string): AsObject | undefined {
    return this.known.get(id) ?? undefined;
  }

  /**
   * `withoutPrivateKeys` of the stored document of `id`, else of `fallback`, made once per document and response:
   * the actor of a page's activities and the author of its objects is usually one person, copied once instead of
   * once per place. The result is shared: never modify it.
   */
  publicCopyOf(id: string, fallback: unknown): unknown {
    const stored = this.known.get(id);
    if (stored === undefined || stored === null) {
      return withoutPrivateKeys(fallback);
    }
    let copy = this.publicCopies.get(stored);
    if (copy === undefined) {
      copy = withoutPrivateKeys(stored);
      this.publicCopies.set(stored, copy);
    }
    return copy;
  }
}

/** A JSON document as it goes out on the wire. */
export type JsonDocument = Record<string, unknown>;

/**
 * {@link withoutPrivateKeys} of a document, except that the top-level fields for which `replaced` holds are set to
 * undefined instead of copied: for a caller that overwrites them next, which keeps them in their stored place in
 * the key order without copying what is thrown away.
 */
export function withoutPrivateKeysExcept(
  document: object,
  replaced: (key: string, value: unknown) => boolean,
): JsonDocument {
  const source = document as JsonDocument;
  const copy: JsonDocument = {};
  for (const key in source) {
    if (!isPrivateKey(key) && Object.prototype.hasOwnProperty.call(source, key)) {
      const value = source[key];
      copy[key] = replaced(key, value) ? undefined : withoutPrivateKeys(value);
    }
  }
  return copy;
}

/** The id of a `{id, ...}` reference, or undefined when `value` is not one. */
export function refId(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}
