import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';

import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

import type { ConfigProblem } from './config-error';
import { ConfigSchema, DRIVERS, type Settings } from './config.schema';
import { INERT_SETTINGS, REFUSED_SETTINGS, SETTING_KINDS, isSettingName } from './setting-kinds';

/** Where a value at a dotted key path came from; the longest recorded prefix wins. */
export type SourceOf = (path: string) => string;

/** pump.io's sample secret, shipped in pump.io.json.sample; a server using it has a public session key. */
export const SAMPLE_SECRET = 'my dog has fleas';

/** Refuses internal and unknown top-level keys, naming the key and where it came from. */
export function checkKeyNames(
  values: Readonly<Record<string, unknown>>,
  sourceOf: SourceOf,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(values)) {
    const source = sourceOf(key);
    if (Object.hasOwn(REFUSED_SETTINGS, key)) {
      problems.push({ key, message: REFUSED_SETTINGS[key], source });
    } else if (!isSettingName(key)) {
      const lower = key.toLowerCase();
      const near = Object.keys(SETTING_KINDS).find((name) => name.toLowerCase() === lower);
      const hint = near === undefined ? '' : `; did you mean "${near}"?`;
      problems.push({ key, message: `is not a known setting${hint}`, source });
    }
  }
  return problems;
}

/**
 * Refuses a storage driver other than Pumphouse's own, explaining the way out: pump.io's databank drivers (`disk`,
 * `mongodb`, `redis`...) are not supported, and pump.io's data is not read.
 */
export function checkDriver(values: Readonly<Record<string, unknown>>, sourceOf: SourceOf): ConfigProblem[] {
  const driver = values.driver;
  if (typeof driver !== 'string' || (DRIVERS as readonly string[]).includes(driver)) return [];
  return [
    {
      key: 'driver',
      message:
        `"${driver}" is not supported; use "sqlite" (the default: remove "driver" and "params"), which keeps ` +
        'everything in <dataDir>/pumphouse.sqlite for every worker. Pumphouse starts with an empty database: ' +
        "pump.io's data is not read",
      source: sourceOf('driver'),
    },
  ];
}

/** The accepted pump.io keys that do nothing yet ({@link INERT_SETTINGS}), set to anything but `false`. */
export function inertSettingWarnings(
  values: Readonly<Record<string, unknown>>,
  sourceOf: SourceOf,
): ConfigProblem[] {
  return Object.entries(INERT_SETTINGS)
    .filter(([key]) => Object.hasOwn(values, key) && values[key] !== false)
    .map(([key, meaning]) => ({
      key,
      message: `is accepted but has no effect yet: ${meaning}`,
      source: sourceOf(key),
    }));
}

function describe(error: ValidationError, parent: string, sourceOf: SourceOf): ConfigProblem[] {
  const key = parent === '' ? error.property : `${parent}.${error.property}`;
  const own = Object.entries(error.constraints ?? {}).map(([name, text]) => ({
    key,
    // class-validator starts its messages with the property name; the key is printed separately.
    message:
      name === 'whitelistValidation'
        ? 'is not a known field here'
        : text.startsWith(`${error.property} `)
          ? text.slice(error.property.length + 1)
          : text,
    source: sourceOf(key),
  }));
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, key, sourceOf))];
}

/** Checks types and ranges with class-validator; answers the typed settings and every problem found. */
export function validateSettings(
  values: Readonly<Record<string, unknown>>,
  sourceOf: SourceOf,
): { settings: Settings; problems: ConfigProblem[] } {
  const settings = plainToInstance(ConfigSchema, values);
  const errors = validateSync(settings, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    // One message per key: "must be an integer" says enough about "8000" without the range checks after it.
    stopAtFirstError: true,
  });
  return {
    settings: settings as Settings,
    problems: errors.flatMap((error) => describe(error, '', sourceOf)),
  };
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Rules that tie settings together or touch the file system. pump.io discovers most of these as a worker crash
 * loop (docs/runtime.md §1.4); here they stop the start with the key named.
 */
export function checkCombinations(settings: Settings, sourceOf: SourceOf, cwd: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const refuse = (key: string, message: string): void => {
    problems.push({ key, message, source: sourceOf(key) });
  };
  if (settings.secret === SAMPLE_SECRET) {
    refuse(
      'secret',
      'is the sample value from pump.io.json.sample; choose your own, or leave it unset to generate one',
    );
  }
  if ((settings.key === undefined) !== (settings.cert === undefined)) {
    refuse(settings.key === undefined ? 'cert' : 'key', 'needs both "key" and "cert" to serve HTTPS');
  }
  for (const name of ['key', 'cert', 'favicon'] as const) {
    const path = settings[name];
    if (path !== undefined && !readable(resolve(cwd, path))) refuse(name, `cannot read the file ${path}`);
  }
  if (settings.bounce === true && settings.key === undefined) {
    refuse('bounce', 'needs "key" and "cert": it redirects HTTP to the HTTPS server');
  }
  const workers = settings.workers ?? (settings.children === 0 ? undefined : settings.children);
  if (
    settings.workers !== undefined &&
    settings.children !== undefined &&
    settings.children !== 0 &&
    settings.workers !== settings.children
  ) {
    refuse('children', `differs from "workers" (${settings.workers}); set only one of them`);
  } else if (settings.driver === 'memory' && workers !== undefined && workers > 1) {
    refuse(
      settings.workers !== undefined ? 'workers' : 'children',
      'must be 1 with the memory driver: each worker would have a database of its own; use "sqlite" for more',
    );
  }
  // Without a mail server no address can be confirmed, so every registration would stay locked out.
  if (settings.requireEmail === true && settings.smtpserver === undefined) {
    refuse('requireEmail', 'needs "smtpserver": confirmation links are sent by mail');
  }
  if (settings.spamhost !== undefined && (!settings.spamclientid || !settings.spamclientsecret)) {
    refuse('spamhost', 'needs "spamclientid" and "spamclientsecret"');
  }
  if (
    settings.dataDir !== undefined &&
    settings.datadir !== undefined &&
    settings.dataDir !== settings.datadir
  ) {
    refuse('datadir', `names a different folder than "dataDir" (${settings.dataDir}); set only one of them`);
  }
  if (settings.nologger === true && settings.logfile !== undefined) {
    refuse('nologger', 'contradicts "logfile"; set only one of them');
  }
  return problems;
}
