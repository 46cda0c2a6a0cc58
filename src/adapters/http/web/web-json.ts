import type { JsonDocument } from '../presenters/object-lookup';

// Defensive readers of presented JSON: stored documents may come from remote servers and hold anything.

/** A non-empty string, or null. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A JSON object (not an array), or null. */
export function record(value: unknown): JsonDocument | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonDocument)
    : null;
}

/** The inline `items` of a collection, or none. */
export function itemsOf(feed: unknown): unknown[] {
  const items = record(feed)?.items;
  return Array.isArray(items) ? items : [];
}

/** The `totalItems` of a collection, 0 when absent or odd. */
export function total(feed: unknown): number {
  const count = record(feed)?.totalItems;
  return typeof count === 'number' && Number.isFinite(count) ? count : 0;
}
