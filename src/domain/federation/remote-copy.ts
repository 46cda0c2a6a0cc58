import type { AsObject } from '../activity-streams/as-object';
import { assertWithinFieldLimits } from '../activity-streams/field-limits';
import { isPlainObject } from '../activity-streams/json-guards';
import { domainOf, isNeverContactedHost, protocolOf } from '../activity-streams/object-ids';
import { withoutPrivateKeys } from '../activity-streams/private-keys';
import { isDomainError } from '../errors/domain-error';

/**
 * How long a remote object fetched from its origin is shown before it is fetched again: one day. Profiles (the
 * name, the avatar, the inbox) change seldom, a day bounds how stale a reader's view gets, and it keeps us to at
 * most one signed GET per remote object per day, and only for objects something here still refers to. pump.io
 * never refetches on its own (docs/protocol.md §7, remote objects): it updates a copy only when a newer one is delivered.
 */
export const REMOTE_COPY_FRESH_MS = 24 * 60 * 60 * 1000;

/**
 * The provenance kept with a remote object this server fetched (private keys, never emitted): when it was fetched
 * and from which host. A remote object without `_fetched` is a bare reference or what someone else said about
 * it, never confirmed by its origin.
 */
export interface RemoteProvenance {
  readonly _fetched: string;
  readonly _origin: string;
}

/** When `object` was last fetched from its origin, or null when it never was (a bare reference). */
export function fetchedAt(object: AsObject | null): Date | null {
  const fetched = object?._fetched;
  if (typeof fetched !== 'string') return null;
  const time = Date.parse(fetched);
  return Number.isNaN(time) ? null : new Date(time);
}

const FETCHABLE_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'acct']);

/**
 * Whether `id` names an object on another server that can be asked for it: an http(s) or acct id whose host is
 * not `localHost` and is not one that is never contacted (docs/protocol.md §7: example and invalid domains).
 */
export function isFetchableRemoteId(id: string, localHost: string): boolean {
  const scheme = protocolOf(id);
  const host = hostnameOf(id);
  if (scheme === null || !FETCHABLE_SCHEMES.has(scheme) || host === null) return false;
  return host !== localHost.toLowerCase() && !isNeverContactedHost(host);
}

/** The host name of an id without any port (`acct:bob@b.test:8080` gives `b.test`), or null. */
function hostnameOf(id: string): string | null {
  return domainOf(id)?.split(':')[0] ?? null;
}

/**
 * Whether the remote object `id` should be fetched from its origin now: never for an id that is not
 * {@link isFetchableRemoteId} (a local object exists only as created here); always when we hold nothing or only a
 * copy its origin never confirmed; and when the confirmed copy is older than {@link REMOTE_COPY_FRESH_MS}.
 */
export function needsFetch(id: string, stored: AsObject | null, localHost: string, now: Date): boolean {
  if (!isFetchableRemoteId(id, localHost)) return false;
  const fetched = fetchedAt(stored);
  return fetched === null || now.getTime() - fetched.getTime() >= REMOTE_COPY_FRESH_MS;
}

/** Why a fetched copy is not saved. */
export type RemoteCopyRefusal =
  /** The id is this server's: a local object is never overwritten from outside. */
  | 'local'
  /** The answer speaks for another id (so, maybe, another host): only an object's origin may say what it is. */
  | 'other-origin'
  /** The answer is older (`updated`) than the copy we hold. */
  | 'older'
  /** The answer is not an object we can keep (no objectType, a field over the limits). */
  | 'malformed';

export type RemoteCopyDecision =
  | { readonly save: true; readonly object: AsObject }
  | { readonly save: false; readonly reason: RemoteCopyRefusal };

/** What {@link decideRemoteCopy} weighs. */
export interface RemoteCopyInput {
  /** The id that was asked of its origin. */
  readonly askedId: string;
  /** What the origin answered. */
  readonly fetched: AsObject;
  /** What we hold now, if anything. */
  readonly stored: AsObject | null;
  readonly localHost: string;
  /** The time of the fetch, ISO 8601. */
  readonly now: string;
}

/**
 * Whether the copy an origin answered replaces what we hold, and the document to save (docs/architecture.md §2c:
 * an object from host H is only ever updated by H, so nobody can plant what another server's object says).
 *
 * Invariants: an id of `localHost` is never replaced; the answer must carry exactly the id asked (so it comes from
 * the host the id names); an answer whose `updated` is older than the stored copy's is refused, so a replayed or
 * cached old answer cannot roll a profile back; the saved document keeps none of the answer's `_`-prefixed keys
 * (they are ours), keeps the stored `_uuid` (the key of its streams), and records the provenance
 * ({@link RemoteProvenance}).
 */
export function decideRemoteCopy(input: RemoteCopyInput): RemoteCopyDecision {
  const { askedId, fetched, stored, localHost, now } = input;
  const host = domainOf(askedId);
  if (host === null || hostnameOf(askedId) === localHost.toLowerCase())
    return { save: false, reason: 'local' };
  if (!isPlainObject(fetched) || fetched.id !== askedId || domainOf(fetched.id) !== host) {
    return { save: false, reason: 'other-origin' };
  }
  if (typeof fetched.objectType !== 'string' || fetched.objectType === '') {
    return { save: false, reason: 'malformed' };
  }
  try {
    assertWithinFieldLimits(fetched, 'object');
  } catch (error) {
    if (isDomainError(error)) return { save: false, reason: 'malformed' };
    throw error;
  }
  if (isOlder(fetched.updated, stored?.updated)) return { save: false, reason: 'older' };
  const object: AsObject = { ...withoutPrivateKeys(fetched), _fetched: now, _origin: host };
  if (stored !== null && typeof stored._uuid === 'string') object._uuid = stored._uuid;
  return { save: true, object };
}

function isOlder(incoming: unknown, current: unknown): boolean {
  if (typeof incoming !== 'string' || typeof current !== 'string') return false;
  const a = Date.parse(incoming);
  const b = Date.parse(current);
  return !Number.isNaN(a) && !Number.isNaN(b) && a < b;
}
