import { Verb } from '../activity-streams/verbs';

/** What happened to a person, as the notifications page names it. */
export type NotificationKind = 'follow' | 'favorite' | 'share' | 'reply' | 'mention';

/**
 * What the rule needs to know of one activity in a person's inbox: the application looks up the authors (the
 * stored activity holds references only).
 */
export interface NotificationFacts {
  readonly verb: string;
  readonly actorId: string | undefined;
  readonly objectId: string | undefined;
  /** The author of the activity's object, when it has one. */
  readonly objectAuthorId: string | undefined;
  /** The author of the object the activity's object replies to, when it is a reply. */
  readonly inReplyToAuthorId: string | undefined;
  /** True when the person is in the activity's to or bto (pump.io's direct inbox, docs/protocol.md §6.5). */
  readonly addressedDirectly: boolean;
}

const FAVORITE_VERBS: ReadonlySet<string> = new Set([Verb.FAVORITE, Verb.LIKE]);
const CREATION_VERBS: ReadonlySet<string> = new Set([Verb.POST, Verb.CREATE]);

/**
 * Whether an activity in `personId`'s inbox is a notification for them, and of which kind (issue 13,
 * "Notifications": pump.io's minor inbox, "meanwhile", narrowed to what concerns the person, plus the direct
 * inbox). Their own activities are never news to them; a follow of them, a like or share of what they wrote, a reply
 * to it, and anything addressed to them directly are; the first rule that holds names the kind. Undoing verbs
 * (unlike, stop-following, unshare) are not notifications: they take back news, they are not news.
 */
export function notificationKind(facts: NotificationFacts, personId: string): NotificationKind | null {
  if (facts.actorId === undefined || facts.actorId === personId) return null;
  if (facts.verb === Verb.FOLLOW && facts.objectId === personId) return 'follow';
  if (FAVORITE_VERBS.has(facts.verb) && facts.objectAuthorId === personId) return 'favorite';
  if (facts.verb === Verb.SHARE && facts.objectAuthorId === personId) return 'share';
  if (CREATION_VERBS.has(facts.verb) && facts.inReplyToAuthorId === personId) return 'reply';
  return facts.addressedDirectly ? 'mention' : null;
}
