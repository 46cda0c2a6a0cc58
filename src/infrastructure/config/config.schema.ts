import { IsOptional } from 'class-validator';

import { SETTING_ENTRIES } from './settings.table';

export { DRIVERS, type Driver } from './settings.server';
export { LOG_LEVELS, type LogLevel } from './settings.process';
export type { SettingName, Settings } from './settings.table';

/**
 * The class class-validator checks a configuration against (class-transformer builds an instance of it from the
 * merged file and environment). It declares nothing itself: each key of the table (settings.table.ts) gets its
 * checks below, optional, as decorators would give them. Defaults are applied after validation.
 */
export class ConfigSchema {}

for (const [name, spec] of SETTING_ENTRIES) {
  // class-validator runs the checks in the order they are registered and stops at the first error, so a key's
  // checks are listed type first: "must be an integer number" says enough about "8000" without its range.
  for (const decorate of [IsOptional(), ...spec.checks]) decorate(ConfigSchema.prototype, name);
}
