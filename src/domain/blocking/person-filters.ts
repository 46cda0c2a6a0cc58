import { userStreamName } from '../distribution/stream-names';

/**
 * The two lists a local user keeps about other persons (issue 14, item 3): whom they block and whom they mute.
 * Both are private to their owner. pump.io has neither; README "Blocking and muting" documents the API.
 */
export const PERSON_FILTERS = ['blocked', 'muted'] as const;

export type PersonFilter = (typeof PERSON_FILTERS)[number];

/** True when `name` is one of the two lists. */
export function isPersonFilter(name: string): name is PersonFilter {
  return (PERSON_FILTERS as readonly string[]).includes(name);
}

/** The stream of person ids one user's list holds: `user:<nick>:blocked` or `user:<nick>:muted`. */
export function personFilterStreamName(nickname: string, filter: PersonFilter): string {
  return userStreamName(nickname, filter);
}

/** How an owner regards another person: on their blocked list, on their muted list (both may hold). */
export interface Standing {
  readonly blocked: boolean;
  readonly muted: boolean;
}

/** Neither blocked nor muted. */
export const NO_STANDING: Standing = { blocked: false, muted: false };

/**
 * What another person may do towards an owner, or what may happen between them:
 * - `reach-inbox`: the other person's activity enters the owner's inbox streams (and so the notifications, the
 *   web UI's streams and the notification mail), whether posted here or delivered by another server;
 * - `see-public`: the other person reads the owner's public posts;
 * - `see-non-public`: the other person reads the owner's posts that are not addressed to Public;
 * - `follow`: the other person starts following the owner;
 * - `keep-following`: an existing follow of the owner by the other person survives the owner's choice;
 * - `reply`: the other person replies into a thread the owner started;
 * - `favorite` / `share`: the other person likes or shares the owner's object;
 * - `be-told`: the other person learns of the owner's choice (no activity is made, nothing is sent).
 */
export type Interaction =
  | 'reach-inbox'
  | 'see-public'
  | 'see-non-public'
  | 'follow'
  | 'keep-following'
  | 'reply'
  | 'favorite'
  | 'share'
  | 'be-told';

/**
 * The rules, once: whether each interaction is allowed when the owner blocked, or muted, the other person.
 * A block stops everything the other person does towards the owner and everything non-public of the owner's that
 * they could read; a mute only keeps them out of the owner's streams. Public posts stay public (anyone, even
 * without an account, reads them), and the other person is never told.
 */
export const INTERACTION_RULES: Readonly<
  Record<Interaction, { readonly blocked: boolean; readonly muted: boolean }>
> = {
  'reach-inbox': { blocked: false, muted: false },
  'see-public': { blocked: true, muted: true },
  'see-non-public': { blocked: false, muted: true },
  follow: { blocked: false, muted: true },
  'keep-following': { blocked: false, muted: true },
  reply: { blocked: false, muted: true },
  favorite: { blocked: false, muted: true },
  share: { blocked: false, muted: true },
  'be-told': { blocked: false, muted: false },
};

/** Whether `interaction` is allowed given how the owner regards the other person: every list that holds must allow it. */
export function allows(interaction: Interaction, standing: Standing): boolean {
  const rule = INTERACTION_RULES[interaction];
  return (!standing.blocked || rule.blocked) && (!standing.muted || rule.muted);
}
