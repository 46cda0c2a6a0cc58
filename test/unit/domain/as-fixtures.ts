import type { Activity } from '../../../src/domain/activity-streams/activity';
import type { AsObject } from '../../../src/domain/activity-streams/as-object';

/** Small builders for ActivityStreams test data; every call returns fresh objects. */

export const H = 'http://social.example:8000';

export const person = (nickname: string, extra: Partial<AsObject> = {}): AsObject => ({
  id: `${H}/api/user/${nickname}/profile`,
  objectType: 'person',
  ...extra,
});

export const remotePerson = (id: string): AsObject => ({ id, objectType: 'person' });

export const followersOf = (nickname: string): string => `${H}/api/user/${nickname}/followers`;

export const collection = (id: string, extra: Partial<AsObject> = {}): AsObject => ({
  id,
  objectType: 'collection',
  ...extra,
});

export const group = (id: string): AsObject => ({ id, objectType: 'group' });

export const note = (id = `${H}/api/note/n1`, extra: Partial<AsObject> = {}): AsObject => ({
  id,
  objectType: 'note',
  content: 'hello',
  ...extra,
});

export const activity = (fields: Partial<Activity> = {}): Activity => ({
  id: `${H}/api/activity/a1`,
  verb: 'post',
  actor: person('alice'),
  object: note(),
  ...fields,
});
