import type { ObjectRepository } from '../../../application/ports/storage/object-repository.port';
import type { AsObject } from '../../../domain/activity-streams/as-object';

/**
 * The stored objects one response needs, fetched in batches and remembered for the rest of the response.
 *
 * Invariants: `fetch` asks the repository only for ids it has never asked about (found or not), in one
 * `findManyByIds` call; the cache lives as long as one response, so it never serves stale documents.
 */
export class ObjectLookup {
  private readonly known = new Map<string, AsObject | null>();

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
}

const UNDERSCORE = '_'.charCodeAt(0);

/** A JSON document as it goes out on the wire. */
export type JsonDocument = Record<string, unknown>;

/**
 * A deep copy of `value` without any `_`-prefixed key, at any depth: those are internal (`_uuid`, pump.io's
 * `_user`, ...) and never leave the server (pumpio-protocol.md §4.5).
 */
export function withoutPrivateKeys<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((item: unknown) => withoutPrivateKeys(item)) as T;
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  // A plain loop over own keys: this runs over every document of every page, and the entries arrays of
  // Object.entries were a tenth of an inbox read's time.
  const source = value as JsonDocument;
  const copy: JsonDocument = {};
  for (const key in source) {
    if (key.charCodeAt(0) !== UNDERSCORE && Object.prototype.hasOwnProperty.call(source, key)) {
      copy[key] = withoutPrivateKeys(source[key]);
    }
  }
  return copy as T;
}

/** The id of a `{id, ...}` reference, or undefined when `value` is not one. */
export function refId(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}
