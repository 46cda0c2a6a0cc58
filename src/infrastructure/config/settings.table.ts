import type { SettingSpec, ValueType } from './setting';
import { ACCOUNT_SETTINGS } from './settings.accounts';
import { LIVE_SETTINGS } from './settings.live';
import { EMAIL_SETTINGS } from './settings.email';
import { PROCESS_SETTINGS } from './settings.process';
import { PUMPIO_FEATURE_SETTINGS } from './settings.pumpio-features';
import { SERVER_SETTINGS } from './settings.server';
import { UPLOAD_SETTINGS } from './settings.uploads';
import { WEB_SETTINGS } from './settings.web';

/**
 * Every key a config file or the environment may give, once: its checks, its environment kind, its default and
 * resolution, whether it acts or is accepted and inert (with what that means), and its README row. pump.io.json's
 * vocabulary plus Pumphouse's own keys. Everything else derives from it: the class-validator schema
 * (config.schema.ts), the environment kinds and inert warnings (setting-kinds.ts), the resolved configuration and
 * its type (config.defaults.ts, pumphouse-config.ts) and the README's "Every key" table (`npm run docs:config`).
 * The parts are split by area only to keep files small; the README lists the keys in this order.
 */
export const SETTINGS = {
  ...SERVER_SETTINGS,
  ...PROCESS_SETTINGS,
  ...WEB_SETTINGS,
  ...LIVE_SETTINGS,
  ...ACCOUNT_SETTINGS,
  ...UPLOAD_SETTINGS,
  ...EMAIL_SETTINGS,
  ...PUMPIO_FEATURE_SETTINGS,
};

type Table = typeof SETTINGS;

/** The name of a setting a config file or the environment may give. */
export type SettingName = keyof Table;

/** The validated value of a setting. */
type ValueOf<Spec> = Spec extends ValueType<infer T> ? Exclude<T, undefined> : never;

/**
 * The validated settings: every key optional (defaults come at resolution), `undefined` meaning "not set" (an
 * explicit `null` in a file is dropped before validation, as pump.io's defaults write "not set" as null).
 */
export type Settings = { [K in SettingName]?: ValueOf<Table[K]> };

/** The keys that have a property of their own in the resolved configuration. */
type ResolvedName = {
  [K in SettingName]: Table[K] extends { resolve: (...args: never[]) => unknown } ? K : never;
}[SettingName];

/** Each resolved key's value, as its `resolve` answers it. */
export type ResolvedSettings = {
  readonly [K in ResolvedName]: Table[K] extends { resolve: (...args: never[]) => infer R } ? R : never;
};

/** Every key with its entry, in table order. */
export const SETTING_ENTRIES = Object.entries(SETTINGS) as [SettingName, SettingSpec<unknown, unknown>][];
