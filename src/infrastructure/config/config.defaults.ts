import { join, resolve } from 'node:path';

import type { ResolveContext } from './setting';
import { SETTING_ENTRIES, type ResolvedSettings, type Settings } from './settings.table';
import { publicBaseUrl, type PumphouseConfig, type TlsFiles } from './pumphouse-config';

/** The database file name inside the data folder (driver `sqlite`). */
export const DATABASE_FILE_NAME = 'pumphouse.sqlite';

/**
 * Applies each key's resolution from the table (defaults, absolute paths) to validated settings, then computes
 * the values that several keys make (TLS files, public URL, database file). Pure: the caller has already
 * validated `settings` and found or generated the secret.
 */
export function resolveSettings(settings: Settings, context: ResolveContext): PumphouseConfig {
  const resolved = Object.fromEntries(
    SETTING_ENTRIES.flatMap(([name, spec]) =>
      spec.resolve === undefined ? [] : [[name, spec.resolve(settings[name], settings, context)]],
    ),
  ) as unknown as ResolvedSettings;
  const tls: TlsFiles | null =
    settings.key !== undefined && settings.cert !== undefined
      ? { keyFile: resolve(context.cwd, settings.key), certFile: resolve(context.cwd, settings.cert) }
      : null;
  return Object.freeze({
    ...resolved,
    databaseFile: join(context.dataDir, DATABASE_FILE_NAME),
    publicBaseUrl: publicBaseUrl({ ...resolved, tls: tls !== null }),
    tls,
  });
}
