import { resolve } from 'node:path';

import type { Settings } from './settings.table';

/**
 * How a setting is written in an environment variable, where every value is a string:
 * - `string`: taken as is;
 * - `integer`: decimal digits only (an optional leading minus), nothing else;
 * - `boolean`: true/false, 1/0, yes/no (any case), nothing else;
 * - `json`: a JSON document (arrays and objects: `clients`, `users`, `plugins`, ...);
 * - `host-or-off`: a host name, or an empty string / false / no / 0 to switch the feature off;
 * - `hsts`: a boolean, or nested variables for its options (`..._HSTS__MAX_AGE=600`);
 * - `free-form`: a JSON object, or nested variables whose values stay strings (driver `params`).
 */
export type SettingKind = 'string' | 'integer' | 'boolean' | 'json' | 'host-or-off' | 'hsts' | 'free-form';

/** What the loader knows before it resolves the settings: where relative paths start, the data folder, the secret. */
export interface ResolveContext {
  readonly cwd: string;
  /** Absolute; see `dataFolderOf`. */
  readonly dataDir: string;
  /** Configured, or generated once into `<dataDir>/secret`. */
  readonly secret: string;
}

/**
 * What a key does. `acts`: this version uses it, through the named properties of the resolved configuration
 * (its own by default); a test finds each of them read somewhere in src outside the config folder. `inert`: a
 * pump.io key whose feature is not built yet; it is accepted, so that a pump.io.json starts as it is, and named
 * at start in a warning with `meaning`, what it means for the admin meanwhile.
 */
export type SettingEffect =
  | { readonly acts: true; readonly through: readonly string[] | 'itself' }
  | { readonly acts: false; readonly meaning: string };

/** The key's row in the README's "Every key" table (markdown). */
export interface ReadmeRow {
  readonly type: string;
  readonly default: string;
  readonly meaning: string;
}

/**
 * One key of the configuration: everything about it in one place. `T` is its validated value; `R` its value in
 * the resolved configuration (defaults applied, paths absolute). A key without `resolve` has no property of its
 * own there: it is folded into others (`key` and `cert` into `tls`, `children` into `workers`).
 */
export interface SettingSpec<T, R> {
  /** class-validator decorators, run in this order up to the first that fails (type first); every key is optional. */
  readonly checks: readonly PropertyDecorator[];
  readonly env: SettingKind;
  /** `settings` holds every validated key; a resolver that reads it declares its return type (no inference cycle). */
  readonly resolve?: (value: T | undefined, settings: Settings, context: ResolveContext) => R;
  readonly effect: SettingEffect;
  readonly readme: ReadmeRow;
}

/** Carries the validated value's type of an entry for the types derived from the table; never set. */
export interface ValueType<T> {
  readonly value?: T;
}

/** `setting<number>()({ ... })`: a table entry whose validated value is a `T`, with its exact shape kept. */
export const setting =
  <T>() =>
  <S extends SettingSpec<T, unknown>>(spec: S): S & ValueType<T> =>
    spec;

/** The key acts through its own resolved property, or through the ones named. */
export const acts = (...through: string[]): SettingEffect => ({
  acts: true,
  through: through.length === 0 ? 'itself' : through,
});

/** The key is accepted and does nothing yet; `meaning` is what the admin gets meanwhile. */
export const inert = (meaning: string): SettingEffect => ({ acts: false, meaning });

/** A configured path made absolute against the working directory, or null when not set. */
export const absolutePath = (value: string | undefined, context: ResolveContext): string | null =>
  value === undefined ? null : resolve(context.cwd, value);
