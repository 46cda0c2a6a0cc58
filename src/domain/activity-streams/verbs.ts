/**
 * The verbs pump.io recognises: the ActivityStreams 1.0 base schema set (docs/protocol.md §4.1). An activity
 * with a verb outside this list, or with a verb that has no handler, is stored and distributed with no side effect.
 * Comparison is case-sensitive.
 */
export const VERBS = [
  'accept',
  'access',
  'acknowledge',
  'add',
  'agree',
  'append',
  'approve',
  'archive',
  'assign',
  'at',
  'attach',
  'attend',
  'author',
  'authorize',
  'borrow',
  'build',
  'cancel',
  'checkin',
  'close',
  'complete',
  'confirm',
  'consume',
  'create',
  'delete',
  'deliver',
  'deny',
  'disagree',
  'dislike',
  'experience',
  'favorite',
  'find',
  'follow',
  'give',
  'host',
  'ignore',
  'insert',
  'install',
  'interact',
  'invite',
  'join',
  'leave',
  'like',
  'listen',
  'lose',
  'make-friend',
  'open',
  'play',
  'post',
  'present',
  'purchase',
  'qualify',
  'read',
  'receive',
  'reject',
  'remove',
  'remove-friend',
  'replace',
  'request',
  'request-friend',
  'resolve',
  'retract',
  'return',
  'rsvp-maybe',
  'rsvp-no',
  'rsvp-yes',
  'satisfy',
  'save',
  'schedule',
  'search',
  'sell',
  'send',
  'share',
  'sponsor',
  'start',
  'stop-following',
  'submit',
  'tag',
  'terminate',
  'tie',
  'unfavorite',
  'unlike',
  'unsatisfy',
  'unsave',
  'unshare',
  'update',
  'use',
  'watch',
  'win',
] as const;

export type KnownVerb = (typeof VERBS)[number];

/** The verbs the rules of the domain name, so that a typo is a compile error rather than a silent miss. */
export const Verb = {
  ADD: 'add',
  CHECKIN: 'checkin',
  CREATE: 'create',
  DELETE: 'delete',
  DISLIKE: 'dislike',
  FAVORITE: 'favorite',
  FOLLOW: 'follow',
  JOIN: 'join',
  LEAVE: 'leave',
  LIKE: 'like',
  POST: 'post',
  REMOVE: 'remove',
  SHARE: 'share',
  STOP_FOLLOWING: 'stop-following',
  UNFAVORITE: 'unfavorite',
  UNLIKE: 'unlike',
  UNSHARE: 'unshare',
  UPDATE: 'update',
} as const satisfies Record<string, KnownVerb>;

/** The verb an activity gets when it arrives without one. */
export const DEFAULT_VERB = Verb.POST;

/** The verbs that change state beyond storing the activity (docs/protocol.md §4.3). */
export const VERBS_WITH_SIDE_EFFECTS: readonly KnownVerb[] = [
  Verb.POST,
  Verb.CREATE,
  Verb.UPDATE,
  Verb.DELETE,
  Verb.FOLLOW,
  Verb.STOP_FOLLOWING,
  Verb.FAVORITE,
  Verb.LIKE,
  Verb.UNFAVORITE,
  Verb.UNLIKE,
  Verb.SHARE,
  Verb.UNSHARE,
  Verb.ADD,
  Verb.REMOVE,
  Verb.JOIN,
  Verb.LEAVE,
];

const knownVerbs: ReadonlySet<string> = new Set(VERBS);
const sideEffectVerbs: ReadonlySet<string> = new Set(VERBS_WITH_SIDE_EFFECTS);

/** True when `verb` is in the AS1 base schema set pump.io accepts. */
export function isKnownVerb(verb: string): verb is KnownVerb {
  return knownVerbs.has(verb);
}

/** True when an activity with this verb has side effects; false means "store and distribute only". */
export function hasSideEffects(verb: string): boolean {
  return sideEffectVerbs.has(verb);
}
