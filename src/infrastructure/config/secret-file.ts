import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

import { ConfigError } from './config-error';
import { ensureDataFolder } from './data-folder';

/** The file name of the generated secret inside the data folder. */
export const SECRET_FILE_NAME = 'secret';

function readSecret(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const secret = text.trim();
  if (secret === '') {
    throw new ConfigError([
      {
        key: 'secret',
        message: `the file ${path} is empty; delete it to generate a new one`,
        source: 'data folder',
      },
    ]);
  }
  return secret;
}

/**
 * Writes the candidate to a private temporary file, then links it into place. `link` fails if the secret already
 * exists, so when two processes start together exactly one candidate becomes the secret and both read it back;
 * nobody ever reads a half-written file.
 */
function publishSecret(path: string, candidate: string): void {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, `${candidate}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/**
 * The session secret when none is configured: 32 random bytes (URL-safe base64) generated on the first start and
 * kept in `<dataDir>/secret` with mode 0600, then reused. Creates the data folder (mode 0700) if needed.
 * Failures are ConfigErrors naming the folder.
 */
export function loadOrCreateSecret(dataDir: string): string {
  const path = join(dataDir, SECRET_FILE_NAME);
  try {
    ensureDataFolder(dataDir);
    const existing = readSecret(path);
    if (existing !== null) return existing;
    publishSecret(path, randomBytes(32).toString('base64url'));
    const secret = readSecret(path);
    if (secret === null) throw new Error(`${path} vanished right after it was written`);
    return secret;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([
      {
        key: 'dataDir',
        message: `cannot keep the secret in ${dataDir}: ${(error as Error).message}`,
        source: path,
      },
    ]);
  }
}
