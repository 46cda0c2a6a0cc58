import type { AsObject } from '../activity-streams/as-object';
import { isPlainObject } from '../activity-streams/json-guards';
import { mediaTypeOfExtension, type MediaKind } from './media-types';

/** One stored file of an upload: its key in the media store, its media type and its size. */
export interface StoredFile {
  readonly key: string;
  readonly mimeType: string;
  readonly bytes: number;
}

/**
 * What the server keeps about an uploaded object, in its private `_upload` property (never emitted, never set by
 * a client: docs/protocol.md §4.6): the original file and, for an image, its thumbnail. The object's author owns
 * the files, and the files count in the author's quota while the object is not deleted.
 */
export interface UploadRecord {
  readonly kind: MediaKind;
  readonly original: StoredFile;
  readonly thumbnail?: StoredFile;
}

/** The name of the private property that holds the {@link UploadRecord}. */
export const UPLOAD_PROPERTY = '_upload';

const isStoredFile = (value: unknown): value is StoredFile =>
  isPlainObject(value) &&
  typeof value.key === 'string' &&
  typeof value.mimeType === 'string' &&
  typeof value.bytes === 'number';

/** The upload record of `object`, or null when it is not an upload (or is deleted: a tombstone keeps no files). */
export function uploadRecordOf(object: AsObject): UploadRecord | null {
  const record = object[UPLOAD_PROPERTY];
  if (object.deleted !== undefined || !isPlainObject(record) || !isStoredFile(record.original)) return null;
  if (record.thumbnail !== undefined && !isStoredFile(record.thumbnail)) return null;
  return record as unknown as UploadRecord;
}

/** The bytes an upload takes in the store: the original and its thumbnail. */
export function storedBytesOf(record: UploadRecord): number {
  return record.original.bytes + (record.thumbnail?.bytes ?? 0);
}

/** The keys of an upload's files in the media store: the original and, for an image, its thumbnail. */
export function storedKeysOf(record: UploadRecord): string[] {
  return record.thumbnail === undefined ? [record.original.key] : [record.original.key, record.thumbnail.key];
}

/** The stored file `key` names among an upload's files, or null. */
export function storedFileNamed(record: UploadRecord, key: string): StoredFile | null {
  if (record.original.key === key) return record.original;
  if (record.thumbnail?.key === key) return record.thumbnail;
  return null;
}

/**
 * Where an upload's files live, in the store and under `H/uploads/`: `<nick>/<YYYY>/<M>/<D>/<uuid>.<ext>` as
 * pump.io lays them out (docs/protocol.md §10.1), the thumbnail beside it as `<uuid>.thumb.<ext>`. The uuid is the
 * object's own, so a path leads back to its object.
 */
export function uploadKeys(
  nickname: string,
  uuid: string,
  day: Date,
  extension: string,
  thumbnailExtension: string,
): { original: string; thumbnail: string } {
  const folder = [nickname, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()].join('/');
  return {
    original: `${folder}/${uuid}.${extension}`,
    thumbnail: `${folder}/${uuid}.thumb.${thumbnailExtension}`,
  };
}

/** What a path under `H/uploads/` names: the owner, the object's uuid and the file's media type. */
export interface UploadPath {
  readonly key: string;
  readonly nickname: string;
  readonly uuid: string;
  readonly mimeType: string;
}

const UPLOAD_PATH = /^([^/]+)\/\d{4}\/\d{1,2}\/\d{1,2}\/([A-Za-z0-9_-]{1,64})(?:\.thumb)?\.([a-z0-9]{1,8})$/;

/**
 * Reads a path under `H/uploads/` (without the prefix), or answers null for anything that is not the path of an
 * upload's file: no extension, an extension of no accepted type, more or fewer folders, `..`.
 */
export function parseUploadPath(path: string): UploadPath | null {
  const match = UPLOAD_PATH.exec(path);
  if (match === null) return null;
  const mimeType = mediaTypeOfExtension(match[3]);
  if (mimeType === null) return null;
  return { key: path, nickname: match[1], uuid: match[2], mimeType };
}
