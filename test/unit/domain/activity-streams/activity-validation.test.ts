import {
  assertValidIncomingActivity,
  MAX_ADDRESSES,
} from '../../../../src/domain/activity-streams/activity-validation';
import { DomainError } from '../../../../src/domain/errors/domain-error';

function rejectedProperty(value: unknown): unknown {
  try {
    assertValidIncomingActivity(value);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('invalid');
    return (error as DomainError).details?.property;
  }
  throw new Error('expected the activity to be rejected');
}

describe('incoming activity validation', () => {
  it('accepts an activity with nothing but an object that has no id yet', () => {
    expect(() =>
      assertValidIncomingActivity({ object: { objectType: 'note', content: 'hi' } }),
    ).not.toThrow();
  });

  it('accepts addresses without objectType (they default to person later)', () => {
    const activity = { verb: 'post', to: [{ id: 'acct:bob@x.org' }], cc: [], custom: 1 };
    expect(() => assertValidIncomingActivity(activity)).not.toThrow();
  });

  it('rejects a body that is not an object', () => {
    expect(rejectedProperty([])).toBe('activity');
    expect(rejectedProperty('post')).toBe('activity');
  });

  it('requires verb and content to be strings', () => {
    expect(rejectedProperty({ verb: 3 })).toBe('activity.verb');
    expect(rejectedProperty({ content: {} })).toBe('activity.content');
  });

  it('requires the actor and the target to be objects with ids', () => {
    expect(rejectedProperty({ actor: 'acct:bob@x.org' })).toBe('activity.actor');
    expect(rejectedProperty({ actor: { objectType: 'person' } })).toBe('activity.actor.id');
    expect(rejectedProperty({ target: { objectType: 'collection' } })).toBe('activity.target.id');
  });

  it('checks the object with the object rules', () => {
    expect(rejectedProperty({ object: { objectType: 'note', summary: 1 } })).toBe('activity.object.summary');
    expect(rejectedProperty({ object: { content: 'hi' } })).toBe('activity.object.objectType');
  });

  it.each(['to', 'cc', 'bto', 'bcc'])('requires %s to be an array of addresses with string ids', (field) => {
    expect(rejectedProperty({ [field]: { id: 'x' } })).toBe(`activity.${field}`);
    expect(rejectedProperty({ [field]: ['acct:bob@x.org'] })).toBe(`activity.${field}[0]`);
    expect(rejectedProperty({ [field]: [{ id: 'a' }, { objectType: 'person' }] })).toBe(
      `activity.${field}[1].id`,
    );
    expect(rejectedProperty({ [field]: [{ id: 'a', objectType: 5 }] })).toBe(
      `activity.${field}[0].objectType`,
    );
  });
});

describe('the number of addresses', () => {
  const people = (count: number, host: string) =>
    Array.from({ length: count }, (_, i) => ({ objectType: 'person', id: `acct:u${i}@${host}` }));

  it('accepts up to the limit across to, cc, bto and bcc together', () => {
    const half = MAX_ADDRESSES / 2;
    expect(() =>
      assertValidIncomingActivity({
        verb: 'post',
        to: people(half, 'a.example'),
        bcc: people(half, 'b.example'),
      }),
    ).not.toThrow();
  });

  it('refuses one more, whichever fields hold them, as invalid input', () => {
    const activity = {
      verb: 'post',
      to: people(MAX_ADDRESSES - 1, 'a.example'),
      cc: people(1, 'b.example'),
      bto: people(1, 'c.example'),
    };
    expect(() => assertValidIncomingActivity(activity)).toThrow(
      expect.objectContaining({ kind: 'invalid', code: 'activity.too-many-addresses' }),
    );
  });
});
