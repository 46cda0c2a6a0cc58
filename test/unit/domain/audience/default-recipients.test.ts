import type { Activity } from '../../../../src/domain/activity-streams/activity';
import type { AsObject } from '../../../../src/domain/activity-streams/as-object';
import { publicCollectionAddress } from '../../../../src/domain/activity-streams/well-known-ids';
import {
  defaultRecipients,
  type DefaultRecipientsActivity,
  type DefaultRecipientsInput,
  defaultRecipientsLookups,
  defaultRecipientsRule,
} from '../../../../src/domain/audience/default-recipients';
import { DomainError } from '../../../../src/domain/errors/domain-error';
import { activity, collection, followersOf, group, H, note, person } from '../as-fixtures';

const alice = person('alice');
const bob = person('bob');
const carol = person('carol');
const dave = person('dave');
const followers = followersOf('alice');
const followersAddress = collection(followers);
const aGroup = group(`${H}/api/group/g1`);

/** A creation activity with all four fields, so copying can be checked field by field. */
const creation = (fields: Partial<Activity> = {}): Activity =>
  activity({
    id: `${H}/api/activity/original`,
    actor: bob,
    to: [carol],
    cc: [publicCollectionAddress()],
    bto: [dave],
    bcc: [alice],
    ...fields,
  });

const act = (fields: Partial<DefaultRecipientsActivity>): DefaultRecipientsActivity => ({
  verb: 'post',
  actor: alice,
  object: note(),
  ...fields,
});

function resolve(
  fields: Partial<DefaultRecipientsActivity>,
  lookups: Omit<DefaultRecipientsInput, 'activity'> = {},
) {
  return defaultRecipients({ actorFollowersUrl: followers, ...lookups, activity: act(fields) });
}

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected an error');
}

describe('default recipients (docs/protocol.md §6.1)', () => {
  describe('an activity that is already addressed', () => {
    it('keeps its own audience, whatever rule would otherwise apply', () => {
      const fields = { verb: 'update', to: [bob], bcc: [dave] };
      expect(defaultRecipientsRule(act(fields))).toBeNull();
      expect(resolve(fields)).toEqual({ to: [bob], bcc: [dave] });
    });

    it('is not addressed when every field is empty', () => {
      expect(defaultRecipientsRule(act({ to: [], cc: [], bto: [], bcc: [] }))).toBe('actor-followers');
    });
  });

  describe('rule 1: update or delete of something other than the actor', () => {
    it.each(['update', 'delete'])('copies the four fields of the original post for %s', (verb) => {
      expect(resolve({ verb }, { objectCreation: creation() })).toEqual({
        to: [carol],
        cc: [publicCollectionAddress()],
        bto: [dave],
        bcc: [alice],
      });
    });

    it('copies only the fields the original post has', () => {
      const original = creation({ to: undefined, bto: undefined, bcc: undefined });
      expect(resolve({ verb: 'delete' }, { objectCreation: original })).toEqual({
        cc: [publicCollectionAddress()],
      });
    });

    it('hands back fresh arrays, so editing the result cannot edit the original post', () => {
      const original = creation();
      resolve({ verb: 'update' }, { objectCreation: original }).to?.push(bob);
      expect(original.to).toEqual([carol]);
    });

    it('refuses when the object was never posted', () => {
      const error = errorOf(() => resolve({ verb: 'update' }, { objectCreation: null }));
      expect(error).toMatchObject({ kind: 'invalid', code: 'recipients.no-original-post' });
    });

    it('applies when the actor is missing', () => {
      expect(defaultRecipientsRule({ verb: 'delete', object: note() })).toBe('copy-original-post');
    });

    it('does not apply to a person updating themself, who falls through to their followers', () => {
      const fields = { verb: 'update', object: alice };
      expect(defaultRecipientsRule(act(fields))).toBe('actor-followers');
      expect(resolve(fields)).toEqual({ cc: [followersAddress] });
    });

    it('wins over the person rule and the reply rule', () => {
      expect(defaultRecipientsRule(act({ verb: 'update', object: bob }))).toBe('copy-original-post');
      const reply = note(`${H}/api/comment/c1`, { objectType: 'comment', inReplyTo: note() });
      expect(defaultRecipientsRule(act({ verb: 'delete', object: reply }))).toBe('copy-original-post');
    });
  });

  describe('rule 2: favorite, unfavorite, like, dislike', () => {
    it.each(['favorite', 'unfavorite', 'like', 'dislike'])('copies the original post for %s', (verb) => {
      expect(resolve({ verb }, { objectCreation: creation({ bto: undefined, bcc: undefined }) })).toEqual({
        to: [carol],
        cc: [publicCollectionAddress()],
      });
    });

    it.each(['favorite', 'like'])("never copies the original's bto and bcc into a %s", (verb) => {
      expect(resolve({ verb }, { objectCreation: creation() })).toEqual({
        to: [carol],
        cc: [publicCollectionAddress()],
      });
      const blindOnly = creation({ to: undefined, cc: undefined });
      expect(resolve({ verb }, { objectCreation: blindOnly })).toEqual({});
    });

    it("falls back to the actor's followers when the object is unknown or was never posted", () => {
      expect(resolve({ verb: 'favorite' }, { objectCreation: null })).toEqual({ cc: [followersAddress] });
    });

    it('refuses the fallback when the actor has no followers collection', () => {
      const error = errorOf(() => resolve({ verb: 'like' }, { actorFollowersUrl: null }));
      expect(error).toMatchObject({ kind: 'invalid', code: 'recipients.no-followers' });
    });

    it('wins over the person rule: favoriting a person does not address them', () => {
      expect(resolve({ verb: 'favorite', object: bob })).toEqual({ cc: [followersAddress] });
    });

    it('does not cover unlike, which pump.io leaves to the later rules', () => {
      expect(defaultRecipientsRule(act({ verb: 'unlike' }))).toBe('actor-followers');
      expect(resolve({ verb: 'unlike' }, { objectCreation: creation() })).toEqual({ cc: [followersAddress] });
    });
  });

  describe('rule 3: the object is a person other than the actor', () => {
    it("addresses the person and copies the actor's followers", () => {
      expect(resolve({ verb: 'follow', object: bob })).toEqual({ to: [bob], cc: [followersAddress] });
    });

    it('addresses only the person when the actor has no followers collection', () => {
      expect(resolve({ verb: 'follow', object: bob }, { actorFollowersUrl: null })).toEqual({ to: [bob] });
    });

    it('applies to any verb, and when there is no actor', () => {
      expect(defaultRecipientsRule(act({ verb: 'stop-following', object: bob }))).toBe('to-object-person');
      expect(defaultRecipientsRule({ verb: 'post', object: bob })).toBe('to-object-person');
    });

    it('refuses a person with no id, who could not be addressed', () => {
      const error = errorOf(() => resolve({ verb: 'follow', object: { objectType: 'person' } }));
      expect(error).toMatchObject({ kind: 'invalid', details: { property: 'activity.object.id' } });
    });
  });

  describe('rule 4: the object is a group and the verb is not create', () => {
    it.each(['join', 'leave', 'follow'])('addresses the group and copies the followers for %s', (verb) => {
      expect(resolve({ verb, object: aGroup })).toEqual({ to: [aGroup], cc: [followersAddress] });
    });

    it('addresses only the group when the actor has no followers collection', () => {
      expect(resolve({ verb: 'join', object: aGroup }, { actorFollowersUrl: null })).toEqual({
        to: [aGroup],
      });
    });

    it('does not apply to creating the group, which goes to the followers', () => {
      expect(defaultRecipientsRule(act({ verb: 'create', object: aGroup }))).toBe('actor-followers');
      expect(resolve({ verb: 'create', object: aGroup })).toEqual({ cc: [followersAddress] });
    });

    it('wins over the target group rule', () => {
      const otherGroup = group(`${H}/api/group/g2`);
      expect(resolve({ verb: 'post', object: aGroup, target: otherGroup })).toEqual({
        to: [aGroup],
        cc: [followersAddress],
      });
    });
  });

  describe('rule 5: the target is a group and the verb is add, remove or post', () => {
    it.each(['add', 'remove', 'post'])('addresses the target group only for %s', (verb) => {
      expect(resolve({ verb, target: aGroup })).toEqual({ to: [aGroup] });
    });

    it('does not apply to other verbs or to other targets', () => {
      expect(defaultRecipientsRule(act({ verb: 'share', target: aGroup }))).toBe('actor-followers');
      expect(defaultRecipientsRule(act({ verb: 'post', target: collection(`${H}/api/collection/c1`) }))).toBe(
        'actor-followers',
      );
    });

    it('wins over the reply rule', () => {
      const reply = note(`${H}/api/comment/c1`, { objectType: 'comment', inReplyTo: note() });
      expect(resolve({ verb: 'post', object: reply, target: aGroup })).toEqual({ to: [aGroup] });
    });
  });

  describe('rule 6: the object is a reply', () => {
    const reply = note(`${H}/api/comment/c1`, { objectType: 'comment', inReplyTo: note() });

    it("copies the parent post's to and cc without the replier and adds the parent's actor to to", () => {
      const parent = creation({ to: [alice, dave], bto: undefined, bcc: undefined });
      expect(resolve({ object: reply }, { parentCreation: parent })).toEqual({
        to: [dave, bob],
        cc: [publicCollectionAddress()],
      });
    });

    it("never copies the parent's bto and bcc into the reply", () => {
      const parent = creation({ to: [carol], bto: [dave], bcc: [alice, person('erin')] });
      const audience = resolve({ object: reply }, { parentCreation: parent });
      expect(audience).toEqual({ to: [carol, bob], cc: [publicCollectionAddress()] });
      expect(audience.bto).toBeUndefined();
      expect(audience.bcc).toBeUndefined();
    });

    it("creates to for the parent's actor when the parent had none", () => {
      const parent = creation({ to: undefined, bto: undefined, bcc: undefined, cc: [followersAddress] });
      expect(resolve({ object: reply }, { parentCreation: parent })).toEqual({
        cc: [followersAddress],
        to: [bob],
      });
    });

    it("does not name the parent's actor twice", () => {
      const parent = creation({ to: [bob, carol], bto: undefined, bcc: undefined });
      expect(resolve({ object: reply }, { parentCreation: parent }).to).toEqual([bob, carol]);
    });

    it('refuses when the parent was never posted', () => {
      const error = errorOf(() => resolve({ object: reply }, { parentCreation: undefined }));
      expect(error).toMatchObject({ kind: 'invalid', code: 'recipients.no-original-post' });
    });

    it('wins over the followers rule', () => {
      expect(defaultRecipientsRule(act({ object: reply }))).toBe('reply-to-parent-audience');
    });
  });

  describe('rule 7: the actor is a person', () => {
    it("addresses the actor's followers collection in cc", () => {
      expect(resolve({})).toEqual({ cc: [{ objectType: 'collection', id: followers }] });
    });

    it('refuses when the actor has no followers collection', () => {
      const error = errorOf(() => resolve({}, { actorFollowersUrl: undefined }));
      expect(error).toMatchObject({ kind: 'invalid', code: 'recipients.no-followers' });
    });
  });

  describe('rule 8: nothing applies', () => {
    const service: AsObject = { id: `${H}/`, objectType: 'service' };

    it('refuses an unaddressed activity whose actor is not a person', () => {
      expect(defaultRecipientsRule(act({ actor: service }))).toBe('none');
      const error = errorOf(() => resolve({ actor: service }));
      expect(error).toMatchObject({ kind: 'invalid', code: 'recipients.none' });
    });

    it('refuses an unaddressed activity with no actor', () => {
      expect(defaultRecipientsRule({ verb: 'post', object: note() })).toBe('none');
    });
  });

  describe('the lookups the application must make', () => {
    it("asks for the object's creation for rules 1 and 2 only", () => {
      expect(defaultRecipientsLookups(act({ verb: 'update' }))).toEqual({
        objectCreation: true,
        parentCreation: false,
      });
      expect(defaultRecipientsLookups(act({ verb: 'like' }))).toEqual({
        objectCreation: true,
        parentCreation: false,
      });
    });

    it("asks for the parent's creation for replies only", () => {
      const reply = note(`${H}/api/comment/c1`, { objectType: 'comment', inReplyTo: note() });
      expect(defaultRecipientsLookups(act({ object: reply }))).toEqual({
        objectCreation: false,
        parentCreation: true,
      });
    });

    it('asks for nothing otherwise', () => {
      const none = { objectCreation: false, parentCreation: false };
      expect(defaultRecipientsLookups(act({}))).toEqual(none);
      expect(defaultRecipientsLookups(act({ verb: 'follow', object: bob }))).toEqual(none);
      expect(defaultRecipientsLookups(act({ verb: 'update', to: [bob] }))).toEqual(none);
    });
  });
});
