import type { SettingKind } from './setting';
import { SETTINGS, SETTING_ENTRIES, type SettingName } from './settings.table';

export type { SettingKind } from './setting';

/** The environment kind of every setting, from the table. */
export const SETTING_KINDS: Readonly<Record<SettingName, SettingKind>> = Object.fromEntries(
  SETTING_ENTRIES.map(([name, spec]) => [name, spec.env]),
) as Record<SettingName, SettingKind>;

/** The options of `hsts` and their kinds, for nested environment variables. */
export const HSTS_OPTION_KINDS: Readonly<Record<string, SettingKind>> = {
  maxAge: 'integer',
  includeSubDomains: 'boolean',
  preload: 'boolean',
  force: 'boolean',
};

/**
 * pump.io reads its switches by JavaScript truthiness, and its own test configurations write `"noweb": 1`: a
 * boolean key (or `hsts`) given the number 1 or 0 is read as true or false. Any other value that is not a boolean
 * is left for the key's check to refuse.
 */
export function readNumericSwitches(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      const kind = isSettingName(name) ? SETTING_KINDS[name] : undefined;
      const isSwitch = kind === 'boolean' || kind === 'hsts';
      return [name, isSwitch && (value === 0 || value === 1) ? value === 1 : value];
    }),
  );
}

/**
 * Keys pump.io computes itself or no longer supports (docs/runtime.md §1.2). Setting one is refused with the
 * reason given here, rather than silently overriding internal state.
 */
export const REFUSED_SETTINGS: Readonly<Record<string, string>> = {
  nicknameBlacklist: 'is internal and cannot be set',
  canUpload: 'is internal and cannot be set; use "enableUploads"',
  haveEmail: 'is internal and cannot be set; it follows "smtpserver"',
  uploaddir: 'is no longer supported (pump.io 3.x); set "datadir" and "enableUploads" instead',
};

/**
 * The settings that are accepted, so that a pump.io.json starts as it is, but do nothing yet in Pumphouse, with
 * what each means for the admin (the table's inert entries); each one set is named in a warning at start.
 */
export const INERT_SETTINGS: Readonly<Partial<Record<SettingName, string>>> = Object.fromEntries(
  SETTING_ENTRIES.flatMap(([name, spec]) => (spec.effect.acts ? [] : [[name, spec.effect.meaning]])),
);

/** True when `name` is a setting of the table. */
export function isSettingName(name: string): name is SettingName {
  return Object.hasOwn(SETTINGS, name);
}
