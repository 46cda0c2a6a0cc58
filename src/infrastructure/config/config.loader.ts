import { resolve } from 'node:path';

import { ConfigError, fileSource, type ConfigProblem } from './config-error';
import { readConfigFile } from './config-file.source';
import {
  checkCombinations,
  checkDriver,
  checkKeyNames,
  inertSettingWarnings,
  validateSettings,
  type SourceOf,
} from './config.checks';
import type { Settings } from './config.schema';
import { resolveSettings } from './config.defaults';
import { readEnvironment } from './environment.source';
import { readNumericSwitches } from './setting-kinds';
import type { PumphouseConfig } from './pumphouse-config';
import { loadOrCreateSecret } from './secret-file';
import { dataFolderOf } from './settings.server';

/** Where the configuration comes from. Nothing else is read: no /etc or $HOME search, unlike pump.io. */
export interface ConfigSources {
  /** The file given with `-c`/`--config`; when absent no file is read. */
  readonly configFile?: string;
  /** The environment (`PUMPHOUSE_*` and `PUMPIO_*` are read). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths (`dataDir`, `logfile`, `key`, ...) are resolved against it. */
  readonly cwd: string;
}

type Json = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Objects merge key by key (env `PUMPIO_PARAMS__HOST` into the file's `params`); anything else is replaced.
 * Built with Object.fromEntries, so a `__proto__` key stays an ordinary (and later refused) key.
 */
function merge(lower: Json, higher: Json): Json {
  const keys = [...new Set([...Object.keys(lower), ...Object.keys(higher)])];
  return Object.fromEntries(
    keys.map((key) => {
      const [a, b] = [lower[key], higher[key]];
      if (!Object.hasOwn(higher, key)) return [key, a];
      return [key, isPlainObject(a) && isPlainObject(b) ? merge(a, b) : b];
    }),
  );
}

function sourceLookup(sources: ReadonlyMap<string, string>): SourceOf {
  return (path) => {
    const segments = path.split('.');
    for (let length = segments.length; length > 0; length -= 1) {
      const source = sources.get(segments.slice(0, length).join('.'));
      if (source !== undefined) return source;
    }
    return 'default value';
  };
}

function failIfAny(problems: readonly ConfigProblem[]): void {
  if (problems.length > 0) throw new ConfigError(problems);
}

/** A usable configuration, and what the admin should know about it (accepted keys that do nothing yet). */
export interface LoadedConfig {
  readonly config: PumphouseConfig;
  readonly warnings: readonly ConfigProblem[];
}

/** {@link loadConfigWithWarnings} for whoever does not print the warnings (workers, `ctl`). */
export function loadConfig(sources: ConfigSources): PumphouseConfig {
  return loadConfigWithWarnings(sources).config;
}

/**
 * Builds the configuration from, highest first: the environment, the `-c` file, the defaults. Throws a ConfigError
 * listing every problem at once (unknown or internal keys, an unsupported driver, wrong types, bad combinations),
 * each once, with its key and source. When no secret is configured, it is generated once into `<dataDir>/secret`
 * (which creates the data folder).
 */
export function loadConfigWithWarnings(sources: ConfigSources): LoadedConfig {
  const configFile = sources.configFile === undefined ? undefined : resolve(sources.cwd, sources.configFile);
  const file: Json = configFile === undefined ? {} : readConfigFile(configFile);
  const environment = readEnvironment(sources.env);

  const origin = new Map<string, string>();
  if (configFile !== undefined) {
    for (const key of Object.keys(file)) origin.set(key, fileSource(configFile));
  }
  for (const [key, source] of environment.sources) origin.set(key, source);
  const sourceOf = sourceLookup(origin);

  // pump.io's defaults write "not set" as null; treat an explicit null the same way.
  const merged = readNumericSwitches(
    Object.fromEntries(Object.entries(merge(file, environment.values)).filter(([, value]) => value !== null)),
  );
  // Each stage sees only what the stages before found no fault with, so every key is reported once.
  const refused = [...checkKeyNames(merged, sourceOf), ...checkDriver(merged, sourceOf)];
  const { settings, problems } = validateSettings(withoutKeys(merged, refused), sourceOf);
  const valid = withoutKeys(settings as Json, problems) as Settings;
  failIfAny([
    ...environment.problems,
    ...refused,
    ...problems,
    ...checkCombinations(valid, sourceOf, sources.cwd),
  ]);

  const dataDir = dataFolderOf(settings, sources.cwd);
  const secret = settings.secret ?? loadOrCreateSecret(dataDir);
  const config = resolveSettings(settings, { cwd: sources.cwd, dataDir, secret });
  return { config, warnings: inertSettingWarnings(merged, sourceOf) };
}

/** `values` without the top-level keys that have a problem. */
function withoutKeys(values: Json, problems: readonly ConfigProblem[]): Json {
  const faulty = new Set(problems.map((problem) => problem.key.split('.')[0]));
  return Object.fromEntries(Object.entries(values).filter(([key]) => !faulty.has(key)));
}
