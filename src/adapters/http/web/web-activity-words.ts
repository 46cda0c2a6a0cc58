import type { JsonDocument } from '../presenters/object-lookup';
import { text } from './web-json';

/** Past tenses of the verbs, for the sentence of an activity that carries no `content`. */
const PAST_TENSES: Readonly<Record<string, string>> = {
  add: 'added',
  create: 'created',
  favorite: 'liked',
  follow: 'followed',
  join: 'joined',
  post: 'posted',
  remove: 'removed',
  share: 'shared',
  'stop-following': 'stopped following',
  unfavorite: 'stopped liking',
  update: 'updated',
};

/** "posted a note", "created Friends": the fallback sentence, escaped by the template. */
export function describeActivity(verb: string, object: JsonDocument | null): string {
  const done = PAST_TENSES[verb] ?? verb;
  const name =
    text(object?.displayName) ?? (object === null ? null : `a ${text(object.objectType) ?? 'thing'}`);
  return name === null ? done : `${done} ${name}`;
}
