import { invalid, tooLarge, unsupportedType } from '../errors/domain-error';
import { type MediaTypeRule, mediaTypeRuleOf } from './media-types';

/** What an instance accepts (the `upload*` configuration keys). */
export interface UploadLimits {
  /** The largest file, in bytes. */
  readonly maxBytes: number;
  /** The most pixels (width × height) an image may decode to: a small file may hold a huge image. */
  readonly maxPixels: number;
  /** The most bytes one user's uploads may take together; 0 for no quota. */
  readonly quotaBytes: number;
  /** The media types accepted, each known to {@link mediaTypeRuleOf}. */
  readonly allowedTypes: readonly string[];
}

/** A file as it arrives: its declared media type (an essence), its size, and its first bytes. */
export interface ArrivingFile {
  readonly mimeType: string;
  readonly size: number;
  readonly head: Uint8Array;
}

/** The largest side of an image's thumbnail (docs/protocol.md §5.2: "largest side ≤ 320"). */
export const THUMBNAIL_MAX_SIDE = 320;

/** The side of an avatar's square thumbnail, as pump.io makes it (docs/protocol.md §5.2). */
export const AVATAR_SIDE = 96;

const mebibytes = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/**
 * Checks a file before anything is stored, and answers the rule of its type. In this order, so the message names
 * the first thing wrong: an empty file (400); a type not accepted here (415); a file over the size limit (413);
 * bytes that are not a file of the declared type, a script declared `image/png` for instance (400).
 */
export function checkArrivingFile(file: ArrivingFile, limits: UploadLimits): MediaTypeRule {
  if (file.size === 0) {
    throw invalid('upload.empty', 'The file is empty.');
  }
  const rule = limits.allowedTypes.includes(file.mimeType) ? mediaTypeRuleOf(file.mimeType) : null;
  if (rule === null) {
    throw unsupportedType(
      'upload.type-not-accepted',
      `Files of type "${file.mimeType}" are not accepted; accepted types: ${limits.allowedTypes.join(', ')}.`,
    );
  }
  if (file.size > limits.maxBytes) {
    throw tooLargeFile(limits.maxBytes);
  }
  if (!rule.matches(file.head)) {
    throw invalid(
      'upload.content-mismatch',
      `The file's content is not of its declared type ${file.mimeType}.`,
    );
  }
  return rule;
}

/** The refusal of a file over the size limit. */
export function tooLargeFile(maxBytes: number) {
  return tooLarge('upload.too-large', `The file is larger than the limit of ${mebibytes(maxBytes)}.`);
}

/** Refuses a file that would take its owner past the quota (`used` bytes stored already). */
export function checkQuota(usedBytes: number, addedBytes: number, limits: UploadLimits): void {
  if (limits.quotaBytes > 0 && usedBytes + addedBytes > limits.quotaBytes) {
    throw tooLarge(
      'upload.over-quota',
      `This upload would take your files past your quota of ${mebibytes(limits.quotaBytes)} ` +
        `(${mebibytes(usedBytes)} used).`,
    );
  }
}

/** Refuses an image of more pixels than allowed, whatever its file size (a decompression bomb). */
export function checkPixels(width: number, height: number, limits: UploadLimits): void {
  if (width * height > limits.maxPixels) {
    throw tooManyPixels(limits.maxPixels);
  }
}

/** The refusal of an image that decodes to more pixels than allowed. */
export function tooManyPixels(maxPixels: number) {
  return invalid(
    'upload.too-many-pixels',
    `The image is larger than the limit of ${maxPixels} pixels (width × height).`,
  );
}

/** The refusal of a file that claims an image type and does not decode as one. */
export function notAnImage(mimeType: string) {
  return invalid('upload.content-mismatch', `The file's content is not of its declared type ${mimeType}.`);
}
