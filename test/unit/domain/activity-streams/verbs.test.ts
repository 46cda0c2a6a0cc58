import {
  DEFAULT_VERB,
  hasSideEffects,
  isKnownVerb,
  VERBS,
  VERBS_WITH_SIDE_EFFECTS,
} from '../../../../src/domain/activity-streams/verbs';

describe('verbs', () => {
  it('lists the AS1 base schema verbs once each', () => {
    expect(new Set(VERBS).size).toBe(VERBS.length);
    expect(VERBS).toEqual(
      expect.arrayContaining(['accept', 'post', 'share', 'stop-following', 'unfavorite', 'unlike', 'win']),
    );
  });

  it.each(['post', 'rsvp-maybe', 'make-friend', 'checkin', 'watch'])('knows %s', (verb) => {
    expect(isKnownVerb(verb)).toBe(true);
  });

  it.each(['Post', 'announce', 'undo', 'boost', ''])('does not know %p', (verb) => {
    expect(isKnownVerb(verb)).toBe(false);
  });

  it('defaults to post', () => {
    expect(DEFAULT_VERB).toBe('post');
  });

  it('gives side effects only to known verbs that have a handler', () => {
    expect(VERBS_WITH_SIDE_EFFECTS.every((verb) => isKnownVerb(verb))).toBe(true);
    expect(hasSideEffects('follow')).toBe(true);
    expect(hasSideEffects('stop-following')).toBe(true);
    expect(hasSideEffects('watch')).toBe(false);
    expect(hasSideEffects('announce')).toBe(false);
  });
});
