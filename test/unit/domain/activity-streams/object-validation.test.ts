import {
  assertValidNewObject,
  assertValidObject,
} from '../../../../src/domain/activity-streams/object-validation';
import { DomainError } from '../../../../src/domain/errors/domain-error';

const valid = { id: 'http://x.org/api/note/1', objectType: 'note' };

/** Runs `check` and returns the DomainError it throws, failing the test when it throws nothing or something else. */
function rejection(check: () => void): DomainError {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected the check to throw');
}

function expectRejected(value: unknown, property: string, expectation: string): void {
  const error = rejection(() => assertValidObject(value));
  expect(error.kind).toBe('invalid');
  expect(error.code).toBe('object.invalid');
  expect(error.details).toEqual({ property });
  expect(error.message).toContain(`${property} must be ${expectation}`);
}

describe('object validation', () => {
  it('accepts a minimal object and keeps unknown properties unchecked', () => {
    expect(() => assertValidObject({ ...valid, anything: { nested: [1, null] }, _private: 3 })).not.toThrow();
  });

  it('accepts every checked property when it has the right type', () => {
    const full = {
      ...valid,
      displayName: 'A note',
      url: 'http://x.org/bob/note/1',
      content: '<p>hi</p>',
      summary: 's',
      published: '2013-01-02T03:04:05Z',
      updated: '2013-01-02T03:04:05Z',
      author: { id: 'acct:bob@x.org', objectType: 'person' },
      inReplyTo: { id: 'http://x.org/api/note/0', objectType: 'note' },
      attachments: [{ id: 'http://x.org/api/image/1', objectType: 'image' }],
      upstreamDuplicates: ['http://a'],
      downstreamDuplicates: [],
      image: { url: 'http://x.org/i.png', width: 96, height: 96, duration: 0 },
    };
    expect(() => assertValidObject(full)).not.toThrow();
  });

  it.each([null, 'note', 3, [valid]])('rejects %p as an object', (value) => {
    expectRejected(value, 'object', 'an object');
  });

  it('requires string id and objectType', () => {
    expectRejected({ objectType: 'note' }, 'object.id', 'a string');
    expectRejected({ id: 7, objectType: 'note' }, 'object.id', 'a string');
    expectRejected({ id: 'x' }, 'object.objectType', 'a string');
    expectRejected({ id: 'x', objectType: ['note'] }, 'object.objectType', 'a string');
  });

  it.each(['displayName', 'url', 'content', 'summary', 'published', 'updated'])(
    'requires %s to be a string when present',
    (key) => {
      expectRejected({ ...valid, [key]: 12 }, `object.${key}`, 'a string');
      expectRejected({ ...valid, [key]: null }, `object.${key}`, 'a string');
      expect(() => assertValidObject({ ...valid, [key]: undefined })).not.toThrow();
    },
  );

  it.each(['author', 'inReplyTo'])('requires %s to be a valid object, checked recursively', (key) => {
    expectRejected({ ...valid, [key]: 'acct:bob@x.org' }, `object.${key}`, 'an object');
    expectRejected({ ...valid, [key]: { objectType: 'person' } }, `object.${key}.id`, 'a string');
    expectRejected(
      { ...valid, [key]: { ...valid, author: { ...valid, url: 5 } } },
      `object.${key}.author.url`,
      'a string',
    );
  });

  it('requires attachments to be an array of valid objects', () => {
    expectRejected({ ...valid, attachments: valid }, 'object.attachments', 'an array of objects');
    expectRejected({ ...valid, attachments: [valid, 'x'] }, 'object.attachments[1]', 'an object');
    expectRejected({ ...valid, attachments: [{ id: 'y' }] }, 'object.attachments[0].objectType', 'a string');
  });

  it.each(['upstreamDuplicates', 'downstreamDuplicates'])('requires %s to be an array of strings', (key) => {
    expectRejected({ ...valid, [key]: 'http://a' }, `object.${key}`, 'an array of strings');
    expectRejected({ ...valid, [key]: ['http://a', 2] }, `object.${key}[1]`, 'a string');
  });

  it('requires image to be a media link with a string url and numeric sizes', () => {
    expectRejected({ ...valid, image: 'http://x/i.png' }, 'object.image', 'a media link object');
    expectRejected({ ...valid, image: { width: 3 } }, 'object.image.url', 'a string');
    for (const key of ['width', 'height', 'duration']) {
      expectRejected({ ...valid, image: { url: 'u', [key]: '96' } }, `object.image.${key}`, 'a number');
    }
  });

  it('names the JSON type it found', () => {
    expect(rejection(() => assertValidObject({ ...valid, url: [] })).message).toBe(
      'object.url must be a string, not array',
    );
  });

  it('lets a new object go without an id, but not with a wrong one', () => {
    expect(() => assertValidNewObject({ objectType: 'note', content: 'hi' })).not.toThrow();
    expect(rejection(() => assertValidNewObject({ id: 3, objectType: 'note' })).details).toEqual({
      property: 'object.id',
    });
    expect(
      rejection(() => assertValidNewObject({ objectType: 'note', inReplyTo: { objectType: 'note' } }))
        .details,
    ).toEqual({ property: 'object.inReplyTo.id' });
  });

  it('uses the path it is given', () => {
    expect(rejection(() => assertValidObject({ id: 1 }, 'activity.target')).details).toEqual({
      property: 'activity.target.id',
    });
  });
});
