import {
  endpointTypeOf,
  isEndpointType,
  isKnownObjectType,
  OBJECT_TYPES,
} from '../../../../src/domain/activity-streams/object-types';

describe('object types', () => {
  it('lists the thirty types that pump.io gives a class of their own', () => {
    expect(OBJECT_TYPES).toHaveLength(30);
    expect(OBJECT_TYPES).toEqual(
      expect.arrayContaining(['note', 'person', 'collection', 'group', 'comment']),
    );
    expect(new Set(OBJECT_TYPES).size).toBe(OBJECT_TYPES.length);
  });

  it.each(['note', 'person', 'alert', 'video', 'organization'])('knows %s', (type) => {
    expect(isKnownObjectType(type)).toBe(true);
    expect(endpointTypeOf(type)).toBe(type);
  });

  it.each(['thing', 'Note', 'NOTE', 'activity', 'other', ''])(
    'serves %p under the other endpoint',
    (type) => {
      expect(isKnownObjectType(type)).toBe(false);
      expect(endpointTypeOf(type)).toBe('other');
    },
  );

  it('accepts the known types and other as endpoint segments, nothing else', () => {
    expect(isEndpointType('note')).toBe(true);
    expect(isEndpointType('other')).toBe(true);
    expect(isEndpointType('activity')).toBe(false);
    expect(isEndpointType('user')).toBe(false);
    expect(isEndpointType('Note')).toBe(false);
  });
});
