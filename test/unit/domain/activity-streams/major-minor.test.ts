import { isMajor } from '../../../../src/domain/activity-streams/major-minor';
import { note } from '../as-fixtures';

const withObject = (verb: string, objectType: string) => ({ verb, object: { ...note(), objectType } });

describe('isMajor', () => {
  it.each(['share', 'checkin'])('makes %s major whatever the object', (verb) => {
    expect(isMajor(withObject(verb, 'comment'))).toBe(true);
    expect(isMajor(withObject(verb, 'person'))).toBe(true);
  });

  it.each(['post', 'create'])('makes %s of a note, image or unknown type major', (verb) => {
    expect(isMajor(withObject(verb, 'note'))).toBe(true);
    expect(isMajor(withObject(verb, 'image'))).toBe(true);
    expect(isMajor(withObject(verb, 'thing'))).toBe(true);
  });

  it.each(['post', 'create'])('makes %s of a comment or a collection minor', (verb) => {
    expect(isMajor(withObject(verb, 'comment'))).toBe(false);
    expect(isMajor(withObject(verb, 'collection'))).toBe(false);
  });

  it.each(['follow', 'favorite', 'like', 'update', 'delete', 'join', 'add', 'watch', 'unknown-verb'])(
    'makes %s minor',
    (verb) => {
      expect(isMajor(withObject(verb, 'note'))).toBe(false);
    },
  );
});
