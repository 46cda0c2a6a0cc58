import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

import type { MediaStorage, StoredMedia } from '../../application/ports/media-storage.port';

const SEGMENT = /^[^/\\\0]+$/;

/**
 * The {@link MediaStorage} in a folder (`<dataDir>/uploads` by default): a key is a path under it.
 *
 * Invariants: a key is checked segment by segment (no empty segment, no `.` or `..`, no backslash or NUL) before
 * it is joined to the folder, so no key reaches outside it; `put` writes a temporary file beside the target,
 * flushes it and renames it into place, so a reader sees the whole file or none, never part of one; folders are
 * made as needed with mode 0700 and files with 0600, like the rest of the data folder.
 */
export class FilesystemMediaStorage implements MediaStorage {
  constructor(private readonly root: string) {}

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    const file = await open(temporary, 'wx', 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async open(key: string): Promise<StoredMedia | null> {
    const path = this.pathOf(key);
    try {
      const { size } = await stat(path);
      return { size, content: createReadStream(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    const segments = key.split('/');
    if (!segments.every((segment) => SEGMENT.test(segment) && segment !== '.' && segment !== '..')) {
      throw new Error(`not a media key: ${JSON.stringify(key)}`);
    }
    return join(this.root, ...segments);
  }
}
