import { assertValidIncomingActivity } from '../../domain/activity-streams/activity-validation';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { withoutPrivateKeys } from '../../domain/activity-streams/private-keys';
import { DEFAULT_VERB } from '../../domain/activity-streams/verbs';
import { normaliseAudience } from '../../domain/audience/audience';
import { invalid } from '../../domain/errors/domain-error';
import {
  assertActivityIdOfSender,
  assertActorOfSender,
  type RemoteSender,
} from '../../domain/federation/provenance';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';
import { scrubActivity } from './content-scrubbing';
import type { CheckedIncoming } from './incoming-activity';

/** A remote activity after the checks that need no storage: its own id and its actor, both its sender's. */
export interface CheckedRemote extends CheckedIncoming {
  readonly id: string;
  readonly actor: AsObject;
}

/**
 * Reads an activity another server delivered (docs/protocol.md §7.2) as {@link checkIncoming} reads a client's:
 * every `_`-prefixed key dropped at every level (pump.io sends its internals), HTML cleaned, shape
 * and field limits validated; then the sender's rules, all 400: an actor is required and must be the sender's
 * ({@link assertActorOfSender}); the activity's id is required and must be on the sender's host
 * ({@link assertActivityIdOfSender}). `bto` and `bcc` are dropped: what a remote body says about blind recipients
 * is never stored as visible recipients (the inbox it arrived at is recorded instead, as `_received`).
 */
export function checkRemoteIncoming(
  raw: unknown,
  sender: RemoteSender,
  localHost: string,
  sanitizer: HtmlSanitizer,
): CheckedRemote {
  const scrubbed = scrubActivity(withoutPrivateKeys(raw), sanitizer);
  assertValidIncomingActivity(scrubbed);
  const { bto: _bto, bcc: _bcc, ...body } = scrubbed;
  const actor = body.actor;
  if (actor === undefined) {
    throw invalid('activity.actor-required', 'An activity from another server needs its actor.');
  }
  assertActorOfSender(actor.id, sender);
  if (typeof body.id !== 'string' || body.id === '') {
    throw invalid('activity.id-required', 'An activity from another server needs its id.');
  }
  assertActivityIdOfSender(body.id, sender, localHost);
  return {
    body,
    id: body.id,
    actor,
    verb: body.verb ?? DEFAULT_VERB,
    audience: normaliseAudience(body),
  };
}
