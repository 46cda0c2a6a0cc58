import { envSource, type ConfigProblem } from './config-error';
import { type SettingName } from './config.schema';
import {
  HSTS_OPTION_KINDS,
  REFUSED_SETTINGS,
  SETTING_KINDS,
  isSettingName,
  type SettingKind,
} from './setting-kinds';

/** Settings read from the environment, as a nested object, with the variable each value came from. */
export interface EnvironmentSettings {
  readonly values: Record<string, unknown>;
  /** Dotted key path to source description. */
  readonly sources: ReadonlyMap<string, string>;
  readonly problems: readonly ConfigProblem[];
}

/** The prefixes read, lowest precedence first: pump.io's, so an existing setup carries over, then ours. */
export const ENV_PREFIXES = ['PUMPIO_', 'PUMPHOUSE_'] as const;

const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);
const INTEGER = /^-?\d+$/;

/** `URL_PORT` to `urlPort`. */
function camelCase(upperSnake: string): string {
  return upperSnake.toLowerCase().replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * Finds the setting an environment name stands for. Exact camelCase first (`URL_PORT` is `urlPort`), then a
 * case-insensitive match, because pump.io's keys are not all camelCase (`ownerURL`, `noCDN`, `smtpserver`).
 */
function settingFor(candidate: string): string {
  if (isSettingName(candidate) || Object.hasOwn(REFUSED_SETTINGS, candidate)) return candidate;
  const lower = candidate.toLowerCase();
  const known = [...Object.keys(SETTING_KINDS), ...Object.keys(REFUSED_SETTINGS)];
  return known.find((name) => name.toLowerCase() === lower) ?? candidate;
}

type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

function coerce(kind: SettingKind, raw: string): Coerced {
  switch (kind) {
    case 'string':
      return { ok: true, value: raw };
    case 'integer':
      return INTEGER.test(raw.trim())
        ? { ok: true, value: Number(raw.trim()) }
        : { ok: false, message: `must be a whole number, got "${raw}"` };
    case 'boolean':
    case 'hsts': {
      const word = raw.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, message: `must be true, false, 1, 0, yes or no, got "${raw}"` };
    }
    case 'host-or-off': {
      const word = raw.trim().toLowerCase();
      return word === '' || FALSE_WORDS.has(word) ? { ok: true, value: false } : { ok: true, value: raw };
    }
    case 'json':
    case 'free-form':
      try {
        return { ok: true, value: JSON.parse(raw) as unknown };
      } catch (error) {
        return { ok: false, message: `must be JSON: ${(error as Error).message}` };
      }
  }
}

type Nested = { option: string; kind: SettingKind } | { problem: string };

/**
 * The name and kind of a nested value: driver params stay strings under the name given; hsts options have types
 * and match without regard to case (`INCLUDE_SUBDOMAINS` is `includeSubDomains`); nothing else nests.
 */
function nestedKind(setting: SettingName, option: string): Nested {
  if (setting === 'params') return { option, kind: 'string' };
  if (setting !== 'hsts') return { problem: 'takes no nested values' };
  const name = Object.keys(HSTS_OPTION_KINDS).find((known) => known.toLowerCase() === option.toLowerCase());
  return name === undefined
    ? { problem: `has no option "${option}"` }
    : { option: name, kind: HSTS_OPTION_KINDS[name] };
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/**
 * Reads `PUMPIO_*` and `PUMPHOUSE_*` variables (PUMPHOUSE_ wins). `UPPER_SNAKE` maps to camelCase and `__`
 * separates nested keys (docs/runtime.md §1.1). Values are coerced strictly by the setting's kind: a value that
 * does not fit is a problem naming the variable, never a silent guess. Unknown names are kept so that the caller
 * refuses them with the variable named.
 */
export function readEnvironment(env: Readonly<Record<string, string | undefined>>): EnvironmentSettings {
  const values: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const problems: ConfigProblem[] = [];

  for (const prefix of ENV_PREFIXES) {
    const names = Object.keys(env)
      .filter((name) => name.startsWith(prefix))
      .sort();
    for (const variable of names) {
      const raw = env[variable] ?? '';
      const source = envSource(variable);
      const segments = variable.slice(prefix.length).split('__');
      if (segments.some((segment) => !/^[A-Z0-9]+(_[A-Z0-9]+)*$/i.test(segment))) {
        problems.push({ key: variable, message: 'is not a valid setting name', source });
        continue;
      }
      const setting = settingFor(camelCase(segments[0]));
      const rest = segments.slice(1).map(camelCase);
      if (rest.length > 1) {
        problems.push({ key: [setting, ...rest].join('.'), message: 'is nested too deeply', source });
        continue;
      }
      let kind: SettingKind = isSettingName(setting) ? SETTING_KINDS[setting] : 'string';
      if (rest.length === 1 && isSettingName(setting)) {
        const nested = nestedKind(setting, rest[0]);
        if ('problem' in nested) {
          problems.push({ key: setting, message: nested.problem, source });
          continue;
        }
        rest[0] = nested.option;
        kind = nested.kind;
      }
      const path = [setting, ...rest];
      const coerced = coerce(kind, raw);
      if (!coerced.ok) {
        problems.push({ key: path.join('.'), message: coerced.message, source });
        continue;
      }
      setPath(values, path, coerced.value);
      sources.set(path.join('.'), source);
    }
  }
  return { values, sources, problems };
}
