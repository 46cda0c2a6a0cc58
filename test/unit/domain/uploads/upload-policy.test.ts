import { DomainError } from '../../../../src/domain/errors/domain-error';
import { DEFAULT_UPLOAD_TYPES, essenceOf, MEDIA_TYPES } from '../../../../src/domain/uploads/media-types';
import {
  checkArrivingFile,
  checkPixels,
  checkQuota,
  type UploadLimits,
} from '../../../../src/domain/uploads/upload-policy';

const LIMITS: UploadLimits = {
  maxBytes: 1000,
  maxPixels: 100 * 100,
  quotaBytes: 5000,
  allowedTypes: ['image/png', 'image/jpeg', 'audio/mpeg', 'application/pdf'],
};
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const SCRIPT = new TextEncoder().encode('#!/bin/sh\nrm -rf ~\n');

function refusal(check: () => unknown): { kind: string; code: string } {
  try {
    check();
  } catch (error) {
    if (error instanceof DomainError) return { kind: error.kind, code: error.code };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkArrivingFile', () => {
  it('answers the kind and extension of an accepted file whose bytes are of its type', () => {
    expect(checkArrivingFile({ mimeType: 'image/png', size: 500, head: PNG }, LIMITS)).toMatchObject({
      kind: 'image',
      extension: 'png',
    });
    const mp3 = Uint8Array.from([0xff, 0xfb, 0x90, 0x64]);
    expect(checkArrivingFile({ mimeType: 'audio/mpeg', size: 4, head: mp3 }, LIMITS).kind).toBe('audio');
  });

  it.each([
    ['an empty file', { mimeType: 'image/png', size: 0, head: new Uint8Array() }, 'invalid', 'upload.empty'],
    [
      'a type outside the list',
      { mimeType: 'video/webm', size: 10, head: Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3]) },
      'unsupported-type',
      'upload.type-not-accepted',
    ],
    [
      'a type nobody knows',
      { mimeType: 'application/x-sh', size: 10, head: SCRIPT },
      'unsupported-type',
      'upload.type-not-accepted',
    ],
    [
      'a file over the size limit',
      { mimeType: 'image/png', size: 1001, head: PNG },
      'too-large',
      'upload.too-large',
    ],
    [
      'a script declared image/png',
      { mimeType: 'image/png', size: SCRIPT.length, head: SCRIPT },
      'invalid',
      'upload.content-mismatch',
    ],
    [
      'a PNG declared image/jpeg',
      { mimeType: 'image/jpeg', size: PNG.length, head: PNG },
      'invalid',
      'upload.content-mismatch',
    ],
  ])('refuses %s', (_name, file, kind, code) => {
    expect(refusal(() => checkArrivingFile(file, LIMITS))).toEqual({ kind, code });
  });

  it('names the first thing wrong: an empty file of a refused type is empty', () => {
    const file = { mimeType: 'application/x-sh', size: 0, head: new Uint8Array() };
    expect(refusal(() => checkArrivingFile(file, LIMITS)).code).toBe('upload.empty');
  });
});

describe('checkQuota and checkPixels', () => {
  it('lets a user fill the quota exactly, and refuses a byte more', () => {
    expect(() => checkQuota(4000, 1000, LIMITS)).not.toThrow();
    expect(refusal(() => checkQuota(4000, 1001, LIMITS))).toEqual({
      kind: 'too-large',
      code: 'upload.over-quota',
    });
  });

  it('has no quota at 0', () => {
    expect(() => checkQuota(10 ** 12, 10 ** 9, { ...LIMITS, quotaBytes: 0 })).not.toThrow();
  });

  it('refuses an image of more pixels than allowed, whatever its shape', () => {
    expect(() => checkPixels(100, 100, LIMITS)).not.toThrow();
    expect(refusal(() => checkPixels(10_001, 1, LIMITS)).code).toBe('upload.too-many-pixels');
  });
});

describe('media types', () => {
  it('maps each type to the objectType of its kind: image, audio, video, file', () => {
    const kinds = new Set(Object.values(MEDIA_TYPES).map((rule) => rule.kind));
    expect([...kinds].sort()).toEqual(['audio', 'file', 'image', 'video']);
    expect(MEDIA_TYPES['video/mp4'].kind).toBe('video');
    expect(MEDIA_TYPES['application/pdf'].kind).toBe('file');
  });

  it('has no SVG: a document that runs scripts is not a picture', () => {
    expect(DEFAULT_UPLOAD_TYPES).not.toContain('image/svg+xml');
  });

  it('reads the essence of a Content-Type', () => {
    expect(essenceOf('Image/PNG; charset=binary')).toBe('image/png');
  });

  it('takes text only without control bytes', () => {
    const text = MEDIA_TYPES['text/plain'];
    expect(text.matches(new TextEncoder().encode('hello\r\n\tworld'))).toBe(true);
    expect(text.matches(Uint8Array.from([0x4d, 0x5a, 0x90, 0x00]))).toBe(false);
  });
});
