import type { Activity } from '../activity-streams/activity';
import type { AsObject } from '../activity-streams/as-object';
import { isMajor } from '../activity-streams/major-minor';
import { ObjectType } from '../activity-streams/object-types';
import { isPublicCollectionId } from '../activity-streams/well-known-ids';
import { addressTypeOf, isDirectlyAddressed } from '../audience/audience';
import { groupStreamName, inboxStreamNames, outboxStreamNames } from './stream-names';

/** A local user the application resolved as a recipient (through followers, a list, an address, a group). */
export interface LocalUserRecipient {
  nickname: string;
  /** The user's person id, which decides whether the activity is direct for them. */
  personId: string;
}

/** A local group the application resolved as a recipient; its members come as local users or remote persons. */
export interface LocalGroupRecipient {
  id: string;
  uuid: string;
}

/** Everything the planner needs: the activity and its recipients, already resolved by the application. */
export interface DistributionInput {
  activity: Pick<Activity, 'verb' | 'actor' | 'object' | 'to' | 'cc' | 'bto' | 'bcc'>;
  /** The actor's nickname when the actor is a local user: the plan then includes their outbox and own inbox. */
  actorNickname?: string | null;
  /** Local users to deliver to; the same user may come more than once (a follower also addressed in to). */
  localUsers: readonly LocalUserRecipient[];
  localGroups: readonly LocalGroupRecipient[];
  /** Recipients found not to be local; persons and groups among them need remote delivery, others are ignored. */
  remoteRecipients: readonly AsObject[];
}

/** The inbox streams one local user gets. */
export interface InboxDelivery {
  readonly nickname: string;
  /** True when the user's person id is in to or bto. */
  readonly direct: boolean;
  readonly streams: readonly string[];
}

/** Where an activity goes: local streams to append its id to, and remote recipients to deliver it to. */
export interface DistributionPlan {
  readonly major: boolean;
  /** The actor's outbox streams; empty when the actor is not a local user. */
  readonly outbox: readonly string[];
  /** One entry per local user, the actor's own inbox first; no user appears twice. */
  readonly inboxes: readonly InboxDelivery[];
  /** The inbox streams of the local groups addressed, each once. */
  readonly groupInboxes: readonly string[];
  /** Remote persons to deliver to, each once, never the actor nor anyone already reached locally. */
  readonly remotePersons: readonly AsObject[];
  /** Remote groups to deliver to, each once. */
  readonly remoteGroups: readonly AsObject[];
  /** Every local stream of the plan, each once: the single list to hand to an idempotent append. */
  readonly localStreams: readonly string[];
}

/**
 * Decides where an activity goes (docs/protocol.md §6.2, §6.5 and §4.2 step 8): the actor's outbox (`outbox`
 * plus major or minor) and own inbox, with the direct streams only if the actor is in to/bto; every local
 * recipient's inbox streams (main, major or minor, and the direct ones when their person id is in to/bto); the
 * inbox of every local group; and the remote persons and groups. Every user, group and remote recipient at most
 * once.
 */
export function planDistribution(input: DistributionInput): DistributionPlan {
  const { activity, actorNickname } = input;
  const major = isMajor(activity);
  const actorId = activity.actor?.id;
  const outbox = actorNickname ? outboxStreamNames(actorNickname, major) : [];

  const inboxes: InboxDelivery[] = [];
  const servedUsers = new Set<string>();
  const deliver = (nickname: string, personId: string | undefined): void => {
    if (servedUsers.has(nickname)) {
      return;
    }
    servedUsers.add(nickname);
    const direct = personId !== undefined && isDirectlyAddressed(activity, personId);
    inboxes.push({ nickname, direct, streams: inboxStreamNames(nickname, major, direct) });
  };
  if (actorNickname) {
    deliver(actorNickname, actorId);
  }
  input.localUsers.forEach((user) => deliver(user.nickname, user.personId));

  const groupInboxes = unique(input.localGroups.map((group) => groupStreamName(group.uuid, 'inbox')));
  const reachedLocally = new Set<string>([
    ...input.localUsers.map((user) => user.personId),
    ...input.localGroups.map((group) => group.id),
  ]);
  if (actorId !== undefined) {
    // The actor's own server already has the activity: sending it back would only echo it.
    reachedLocally.add(actorId);
  }
  const { persons, groups } = classifyRemote(input.remoteRecipients, reachedLocally);

  return {
    major,
    outbox,
    inboxes,
    groupInboxes,
    remotePersons: persons,
    remoteGroups: groups,
    localStreams: unique([...outbox, ...inboxes.flatMap((inbox) => inbox.streams), ...groupInboxes]),
  };
}

function classifyRemote(
  recipients: readonly AsObject[],
  excluded: ReadonlySet<string>,
): { persons: AsObject[]; groups: AsObject[] } {
  const seen = new Set(excluded);
  const persons: AsObject[] = [];
  const groups: AsObject[] = [];
  for (const recipient of recipients) {
    if (seen.has(recipient.id) || isPublicCollectionId(recipient.id)) {
      continue;
    }
    const type = addressTypeOf(recipient);
    if (type === ObjectType.PERSON || type === ObjectType.GROUP) {
      seen.add(recipient.id);
      (type === ObjectType.PERSON ? persons : groups).push(recipient);
    }
  }
  return { persons, groups };
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
