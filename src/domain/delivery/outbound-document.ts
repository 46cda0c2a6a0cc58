import { isPlainObject } from '../activity-streams/json-guards';
import { isPrivateKey } from '../activity-streams/private-keys';

/** Blind recipients: named to nobody but the actor (docs/protocol.md §6.4), so never sent to another server. */
const BLIND_FIELDS: ReadonlySet<string> = new Set(['bto', 'bcc']);

/**
 * What may leave this server in a delivery to another one (docs/protocol.md §7.1 step 4): a deep copy of
 * `document` without `bto` and `bcc` and without any `_`-prefixed field (the server's bookkeeping), at every
 * depth, objects inside arrays included. Stricter than pump.io, which sends its internals (§7.6) and drops the
 * blind fields of the activity only: an embedded object's blind recipients are just as secret.
 *
 * The input is left untouched.
 */
export function outboundDocument<T extends object>(document: T): T {
  return copyWithout(document) as T;
}

function copyWithout(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyWithout);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!isPrivateKey(key) && !BLIND_FIELDS.has(key)) copy[key] = copyWithout(value[key]);
  }
  return copy;
}
