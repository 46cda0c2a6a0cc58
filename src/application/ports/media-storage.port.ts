/**
 * Stores the bytes of uploaded files by key (`alice/2026/5/3/<uuid>.jpg`, see the domain's `uploadKeys`).
 *
 * Every adapter honours: a key is a relative path of `/`-separated segments, none of them empty, `.` or `..`, and a
 * key that is not one is refused with an error, before anything is read or written; `put` replaces any file under
 * that key and resolves once the bytes are durable enough to be served; `open` answers null for a key that holds
 * nothing; `delete` of a missing key is no error.
 */
export interface MediaStorage {
  put(key: string, bytes: Uint8Array): Promise<void>;
  open(key: string): Promise<StoredMedia | null>;
  delete(key: string): Promise<void>;
}
export const MediaStorage = Symbol('MediaStorage');

/** The bytes of one stored file, read as they are sent. */
export interface StoredMedia {
  readonly size: number;
  readonly content: AsyncIterable<Uint8Array>;
}
