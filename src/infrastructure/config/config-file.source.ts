import { readFileSync } from 'node:fs';

import { ConfigError, fileSource } from './config-error';

/**
 * Reads the JSON config file given with `-c`. Unlike pump.io, which skips a file it cannot read, every failure
 * here is a ConfigError naming the file: a missing or unreadable file, invalid JSON (with the parser's message),
 * or a document that is not a JSON object.
 */
export function readConfigFile(path: string): Record<string, unknown> {
  const source = fileSource(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'does not exist' : `cannot be read: ${(error as Error).message}`;
    throw new ConfigError([{ key: '-c', message: `the file ${message}`, source }]);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([{ key: '-c', message: `invalid JSON: ${(error as Error).message}`, source }]);
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new ConfigError([{ key: '-c', message: 'the file must hold one JSON object', source }]);
  }
  return document as Record<string, unknown>;
}
