import { hostOf } from '../delivery/inbox-address';

/** A WebFinger link (RFC 7033 §4.4.4): only the members this rule reads. */
export interface WebfingerLink {
  readonly rel: string;
  readonly href?: string;
  readonly type?: string;
}

/** The link relations only pump.io's WebFinger answers carry (docs/protocol.md §7.1): a person reached in pump.io. */
const PUMPIO_RELS = new Set(['activity-inbox', 'activity-outbox', 'dialback']);

/** The actor's media types (https://www.w3.org/TR/activitypub/#retrieving-objects). */
function isActivityPubType(type: string | undefined): boolean {
  if (type === undefined) return false;
  const [essence, ...parameters] = type.split(';').map((part) => part.trim());
  if (essence.toLowerCase() === 'application/activity+json') return true;
  return (
    essence.toLowerCase() === 'application/ld+json' &&
    parameters.some((parameter) =>
      /^profile="?https:\/\/www\.w3\.org\/ns\/activitystreams"?$/i.test(parameter),
    )
  );
}

/**
 * The ActivityPub actor URL an `acct:user@host` account names, from its WebFinger links (docs/activitypub.md
 * §9), or null when the account is to be reached in pump.io (or not at all).
 *
 * Invariants: an account whose answer carries any pump.io link is pump.io's (null), so a pump.io person keeps
 * the pump.io path even when its server also serves ActivityPub; the actor URL is the href of a `self` link of
 * an ActivityPub media type, on the account's own host (only that host speaks for the account; a split-domain
 * setup, with the actor on another host, is not followed).
 */
export function activityPubActorOfAccount(account: string, links: readonly WebfingerLink[]): string | null {
  const host = account.startsWith('acct:') ? hostOf(account) : null;
  if (host === null) return null;
  if (links.some((link) => PUMPIO_RELS.has(link.rel))) return null;
  const self = links.find(
    (link) => link.rel === 'self' && link.href !== undefined && isActivityPubType(link.type),
  );
  if (self?.href === undefined || !/^https?:\/\//i.test(self.href)) return null;
  return hostOf(self.href) === host ? self.href : null;
}
