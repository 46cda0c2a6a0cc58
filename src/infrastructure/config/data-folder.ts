import { chmodSync, mkdirSync, statSync } from 'node:fs';

/** Owner read, write and search only: the data folder holds the database, the secret and the control socket. */
export const PRIVATE_FOLDER_MODE = 0o700;

/**
 * Creates the data folder (and any missing parent) owner-only, or makes an existing one owner-only again when this
 * process owns it: earlier versions could leave it readable by all (a log file inside it made the logger create it
 * with the default mode). Called before anything else opens a file in the folder. Throws the file system's error.
 */
export function ensureDataFolder(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const { mode, uid } = statSync(dataDir);
  const ownedByUs = process.getuid === undefined || uid === process.getuid();
  if (ownedByUs && (mode & 0o777) !== PRIVATE_FOLDER_MODE) chmodSync(dataDir, PRIVATE_FOLDER_MODE);
}
