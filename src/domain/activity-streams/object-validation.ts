import { type DomainError, invalid } from '../errors/domain-error';
import type { AsObject, NewAsObject } from './as-object';
import { assertWithinFieldLimits } from './field-limits';
import { isPlainObject, isPresent, jsonTypeOf } from './json-guards';

/**
 * Shape checks for incoming objects (docs/protocol.md §4.4 "Validation on create/update"). pump.io throws a
 * TypeError (a 500) for these; we throw an `invalid` DomainError whose message and `details.property` name the
 * offending property by its path (`object.author.id`, `object.attachments[2]`), so a client can fix its request.
 * Unknown properties are not checked: they are stored and echoed back.
 */

const STRING_PROPERTIES = ['displayName', 'url', 'content', 'summary', 'published', 'updated'] as const;
const OBJECT_PROPERTIES = ['author', 'inReplyTo'] as const;
const STRING_ARRAY_PROPERTIES = ['upstreamDuplicates', 'downstreamDuplicates'] as const;
const MEDIA_LINK_NUMBERS = ['width', 'height', 'duration'] as const;

/** The DomainError code of every shape violation of an object or activity. */
export const INVALID_OBJECT_CODE = 'object.invalid';

/** Builds the error for a property at `path` that is not what it must be. */
export function invalidProperty(path: string, expectation: string, value: unknown): DomainError {
  return invalid(INVALID_OBJECT_CODE, `${path} must be ${expectation}, not ${jsonTypeOf(value)}`, {
    property: path,
  });
}

/**
 * Asserts that `value` is a valid stored or referenced object: `id` and `objectType` are strings and every rule
 * of §4.4 holds, recursively for author, inReplyTo and attachments, and every property keeps the field limits.
 */
export function assertValidObject(value: unknown, path = 'object'): asserts value is AsObject {
  assertWithinFieldLimits(value, path);
  checkObject(value, path, true);
}

/**
 * Asserts that `value` is a valid object for creation: as {@link assertValidObject}, except that `id` may be
 * missing (the server assigns one). Nested objects (author, inReplyTo, attachments) still need their ids.
 */
export function assertValidNewObject(value: unknown, path = 'object'): asserts value is NewAsObject {
  assertWithinFieldLimits(value, path);
  checkObject(value, path, false);
}

function checkObject(value: unknown, path: string, requireId: boolean): void {
  if (!isPlainObject(value)) {
    throw invalidProperty(path, 'an object', value);
  }
  if (requireId || isPresent(value, 'id')) {
    requireString(value.id, `${path}.id`);
  }
  requireString(value.objectType, `${path}.objectType`);
  for (const key of STRING_PROPERTIES) {
    if (isPresent(value, key)) {
      requireString(value[key], `${path}.${key}`);
    }
  }
  for (const key of OBJECT_PROPERTIES) {
    if (isPresent(value, key)) {
      checkObject(value[key], `${path}.${key}`, true);
    }
  }
  if (isPresent(value, 'attachments')) {
    checkAttachments(value.attachments, `${path}.attachments`);
  }
  for (const key of STRING_ARRAY_PROPERTIES) {
    if (isPresent(value, key)) {
      checkStringArray(value[key], `${path}.${key}`);
    }
  }
  if (isPresent(value, 'image')) {
    checkMediaLink(value.image, `${path}.image`);
  }
}

function requireString(value: unknown, path: string): void {
  if (typeof value !== 'string') {
    throw invalidProperty(path, 'a string', value);
  }
}

function checkAttachments(value: unknown, path: string): void {
  if (!Array.isArray(value)) {
    throw invalidProperty(path, 'an array of objects', value);
  }
  value.forEach((attachment, index) => checkObject(attachment, `${path}[${index}]`, true));
}

function checkStringArray(value: unknown, path: string): void {
  if (!Array.isArray(value)) {
    throw invalidProperty(path, 'an array of strings', value);
  }
  value.forEach((item, index) => requireString(item, `${path}[${index}]`));
}

function checkMediaLink(value: unknown, path: string): void {
  if (!isPlainObject(value)) {
    throw invalidProperty(path, 'a media link object', value);
  }
  requireString(value.url, `${path}.url`);
  for (const key of MEDIA_LINK_NUMBERS) {
    if (isPresent(value, key) && typeof value[key] !== 'number') {
      throw invalidProperty(`${path}.${key}`, 'a number', value[key]);
    }
  }
}
