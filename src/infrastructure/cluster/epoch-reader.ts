import { readFileSync } from 'node:fs';

import { ZERO_DOWNTIME_EPOCH } from './zero-downtime-epoch';

const EPOCH_LINE = /ZERO_DOWNTIME_EPOCH\s*=\s*(\d+)/;

/** The epoch this master was started with (the code in memory). */
export const STARTED_EPOCH = ZERO_DOWNTIME_EPOCH;

/**
 * Reads the epoch of the code on disk now, from the compiled file next to this one (or the TypeScript source
 * when run from src), bypassing the module cache. Throws when the file is missing or has no epoch line.
 */
export function readEpochOnDisk(): number {
  const file = require.resolve('./zero-downtime-epoch');
  const match = EPOCH_LINE.exec(readFileSync(file, 'utf8'));
  if (match === null) throw new Error(`no ZERO_DOWNTIME_EPOCH in ${file}`);
  return Number(match[1]);
}
