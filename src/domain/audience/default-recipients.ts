import type { Activity } from '../activity-streams/activity';
import type { AsObject, NewAsObject } from '../activity-streams/as-object';
import { invalidProperty } from '../activity-streams/object-validation';
import { ObjectType } from '../activity-streams/object-types';
import { Verb } from '../activity-streams/verbs';
import { invalid } from '../errors/domain-error';
import { type Addressed, addressesIn, type Audience, audienceOf, hasAddresses } from './audience';

/**
 * Default recipients (docs/protocol.md §6.1): an activity that names none of to/cc/bto/bcc is addressed by the
 * first of these rules that applies.
 */
export type DefaultRecipientsRule =
  /** 1. update/delete of something other than the actor: the object's original post/create audience. */
  | 'copy-original-post'
  /** 2. favorite/unfavorite/like/dislike: the original post's to and cc, else the actor's followers. */
  | 'copy-original-post-or-followers'
  /** 3. the object is a person other than the actor: to the person, cc the actor's followers if any. */
  | 'to-object-person'
  /** 4. the object is a group and the verb is not create: to the group, cc the actor's followers if any. */
  | 'to-object-group'
  /** 5. the target is a group and the verb is add, remove or post: to the group. */
  | 'to-target-group'
  /** 6. the object is a reply: the parent post's to and cc without the actor, plus the parent's actor in to. */
  | 'reply-to-parent-audience'
  /** 7. the actor is a person: cc the actor's followers. */
  | 'actor-followers'
  /** 8. nothing applies: the activity is refused. */
  | 'none';

/** The parts of an activity the rules read. The object may still lack its id (it is assigned later). */
export interface DefaultRecipientsActivity extends Addressed {
  verb: string;
  actor?: AsObject;
  object?: NewAsObject;
  target?: AsObject;
}

/**
 * What the application looked up for the rules, because the domain cannot. Fetch what
 * {@link defaultRecipientsLookups} asks for; absent and null both mean "there is none".
 */
export interface DefaultRecipientsInput {
  activity: DefaultRecipientsActivity;
  /** The earliest post/create activity of `activity.object` (rules 1 and 2). */
  objectCreation?: Activity | null;
  /** The earliest post/create activity of `activity.object.inReplyTo` (rule 6). */
  parentCreation?: Activity | null;
  /** The actor's followers collection URL, when the actor has one (rules 2, 3, 4 and 7). */
  actorFollowersUrl?: string | null;
}

const MODIFICATION_VERBS: ReadonlySet<string> = new Set([Verb.UPDATE, Verb.DELETE]);
const APPRECIATION_VERBS: ReadonlySet<string> = new Set([
  Verb.FAVORITE,
  Verb.UNFAVORITE,
  Verb.LIKE,
  Verb.DISLIKE,
]);
/** The address fields everyone who can see an activity sees: what a response may copy. */
const OPEN_FIELDS = ['to', 'cc'] as const;
const GROUP_TARGET_VERBS: ReadonlySet<string> = new Set([Verb.ADD, Verb.REMOVE, Verb.POST]);

/** The rule that addresses `activity`, or null when it is addressed already (and keeps its audience). */
export function defaultRecipientsRule(activity: DefaultRecipientsActivity): DefaultRecipientsRule | null {
  if (hasAddresses(activity)) {
    return null;
  }
  const { verb, actor, object, target } = activity;
  if (MODIFICATION_VERBS.has(verb) && (!actor || !object || actor.id !== object.id)) {
    return 'copy-original-post';
  }
  if (APPRECIATION_VERBS.has(verb)) {
    return 'copy-original-post-or-followers';
  }
  if (object?.objectType === ObjectType.PERSON && (!actor || actor.id !== object.id)) {
    return 'to-object-person';
  }
  if (object?.objectType === ObjectType.GROUP && verb !== Verb.CREATE) {
    return 'to-object-group';
  }
  if (target?.objectType === ObjectType.GROUP && GROUP_TARGET_VERBS.has(verb)) {
    return 'to-target-group';
  }
  if (object?.inReplyTo) {
    return 'reply-to-parent-audience';
  }
  if (actor?.objectType === ObjectType.PERSON) {
    return 'actor-followers';
  }
  return 'none';
}

/** Which creation activities the application must look up before calling {@link defaultRecipients}. */
export function defaultRecipientsLookups(activity: DefaultRecipientsActivity): {
  objectCreation: boolean;
  parentCreation: boolean;
} {
  const rule = defaultRecipientsRule(activity);
  return {
    objectCreation: rule === 'copy-original-post' || rule === 'copy-original-post-or-followers',
    parentCreation: rule === 'reply-to-parent-audience',
  };
}

/**
 * The audience of the activity once defaults are applied: its own audience when it has one, otherwise the result
 * of the first rule that applies. Throws an `invalid` DomainError when the chosen rule cannot be satisfied
 * (`recipients.no-original-post`, `recipients.no-followers`) or when no rule applies (`recipients.none`).
 */
export function defaultRecipients(input: DefaultRecipientsInput): Audience {
  const { activity, actorFollowersUrl } = input;
  const rule = defaultRecipientsRule(activity);
  switch (rule) {
    case null:
      return audienceOf(activity);
    case 'copy-original-post':
      return audienceOf(required(input.objectCreation, 'the object'));
    case 'copy-original-post-or-followers':
      return input.objectCreation ? openAudienceOf(input.objectCreation) : ccFollowers(actorFollowersUrl);
    case 'to-object-person':
    case 'to-object-group':
      return withOptionalFollowers([asAddress(activity.object, 'activity.object')], actorFollowersUrl);
    case 'to-target-group':
      return { to: [asAddress(activity.target, 'activity.target')] };
    case 'reply-to-parent-audience':
      return replyAudience(activity, required(input.parentCreation, 'the replied-to object'));
    case 'actor-followers':
      return ccFollowers(actorFollowersUrl);
    case 'none':
      throw invalid(
        'recipients.none',
        'Cannot choose default recipients for this activity: address it with to, cc, bto or bcc',
      );
  }
}

/**
 * The to and cc of the original, for a response to it (a like, a reply). Its bto and bcc are never copied: they are
 * hidden from everyone but the original's actor (docs/protocol.md §6.4), and a response's addresses are shown
 * to its own actor and its recipients, so copying them would reveal the blind recipients to the responder (and
 * reach them with a response they were never meant to know about). Stricter than pump.io, which copies all four.
 */
function openAudienceOf(original: Activity): Audience {
  const { to, cc } = audienceOf(original);
  return { ...(to && { to }), ...(cc && { cc }) };
}

function required(creation: Activity | null | undefined, what: string): Activity {
  if (!creation) {
    throw invalid(
      'recipients.no-original-post',
      `Cannot copy the recipients of the original post: ${what} was never posted`,
    );
  }
  return creation;
}

function followersAddress(url: string): AsObject {
  return { objectType: ObjectType.COLLECTION, id: url };
}

function ccFollowers(actorFollowersUrl: string | null | undefined): Audience {
  if (!actorFollowersUrl) {
    throw invalid(
      'recipients.no-followers',
      'Cannot address the followers of the actor: it has no followers collection',
    );
  }
  return { cc: [followersAddress(actorFollowersUrl)] };
}

function withOptionalFollowers(to: AsObject[], actorFollowersUrl: string | null | undefined): Audience {
  return actorFollowersUrl ? { to, cc: [followersAddress(actorFollowersUrl)] } : { to };
}

function asAddress(object: NewAsObject | undefined, path: string): AsObject {
  if (typeof object?.id !== 'string') {
    throw invalidProperty(`${path}.id`, 'a string', object?.id);
  }
  return object as AsObject;
}

// The replier is dropped (they do not need to be told about their own reply) and the parent's author is told;
// the parent's bto and bcc stay hidden (see openAudienceOf).
function replyAudience(activity: DefaultRecipientsActivity, parent: Activity): Audience {
  const replierId = activity.actor?.id;
  const audience: Audience = {};
  for (const field of OPEN_FIELDS) {
    const kept = addressesIn(parent, field).filter((address) => address.id !== replierId);
    if (kept.length > 0) {
      audience[field] = kept;
    }
  }
  const to = audience.to ?? [];
  audience.to = to.some((address) => address.id === parent.actor.id) ? to : [...to, parent.actor];
  return audience;
}
