import {
  assertWithinFieldLimits,
  MAX_NESTING_DEPTH,
  MAX_PROPERTY_NAME_LENGTH,
  MAX_STRING_LENGTH,
  maxLengthOf,
} from '../../../../src/domain/activity-streams/field-limits';
import { assertValidIncomingActivity } from '../../../../src/domain/activity-streams/activity-validation';
import { assertValidNewObject } from '../../../../src/domain/activity-streams/object-validation';
import { DomainError } from '../../../../src/domain/errors/domain-error';

function refusal(check: () => void): DomainError {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected the check to throw');
}

const long = (length: number) => 'x'.repeat(length);

describe('field limits', () => {
  it.each([
    ['content', 100_000],
    ['summary', 10_000],
    ['displayName', 1_000],
    ['id', 2_048],
    ['url', 2_048],
    ['href', 2_048],
    ['objectType', 256],
    ['email', 254],
    ['anythingElse', MAX_STRING_LENGTH],
  ])('accepts %s at its limit and refuses one character more, naming the property', (name, max) => {
    expect(maxLengthOf(name)).toBe(max);
    expect(() => assertWithinFieldLimits({ [name]: long(max) }, 'object')).not.toThrow();
    const error = refusal(() => assertWithinFieldLimits({ nested: { [name]: long(max + 1) } }, 'object'));
    expect(error.kind).toBe('invalid');
    expect(error.details).toEqual({ property: `object.nested.${name}` });
    expect(error.message).toBe(`object.nested.${name} is longer than ${max} characters`);
  });

  it('names an array item by its index and limits it as its array property', () => {
    const error = refusal(() =>
      assertWithinFieldLimits({ to: [{ id: 'a' }, { id: long(2_049) }], url: [long(2_049)] }, 'activity'),
    );
    expect(['activity.to[1].id', 'activity.url[0]']).toContain(error.details?.property);
  });

  it('refuses a property name that is too long', () => {
    const name = long(MAX_PROPERTY_NAME_LENGTH + 1);
    expect(() => assertWithinFieldLimits({ [long(MAX_PROPERTY_NAME_LENGTH)]: 1 }, 'user')).not.toThrow();
    expect(refusal(() => assertWithinFieldLimits({ a: { [name]: 1 } }, 'user')).message).toBe(
      `user.a has a property name longer than ${MAX_PROPERTY_NAME_LENGTH} characters`,
    );
  });

  it('refuses nesting past the limit, without exhausting the stack however deep the input', () => {
    const nest = (depth: number) => {
      let value: unknown = 1;
      for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { a: value };
      return value;
    };
    expect(() => assertWithinFieldLimits(nest(MAX_NESTING_DEPTH), 'x')).not.toThrow();
    expect(refusal(() => assertWithinFieldLimits(nest(MAX_NESTING_DEPTH + 1), 'x')).message).toMatch(
      /nests deeper than 100 levels$/,
    );
    expect(refusal(() => assertWithinFieldLimits(nest(200_000), 'x')).code).toBe('input.too-large');
  });

  it('is part of the object and activity checks, for known and unknown properties alike', () => {
    expect(
      refusal(() => assertValidNewObject({ objectType: 'note', content: long(100_001) })).details,
    ).toEqual({ property: 'object.content' });
    expect(
      refusal(() => assertValidIncomingActivity({ verb: 'post', location: { displayName: long(1_001) } }))
        .details,
    ).toEqual({ property: 'activity.location.displayName' });
  });
});
