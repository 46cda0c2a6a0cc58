import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Min, ValidateNested } from 'class-validator';

import { RateLimitsSchema } from './rate-limits.schema';
import { SeedClientSchema, SeedUserSchema } from './seed-accounts.schema';
import { acts, setting } from './setting';

const REGISTRATION_MODES = ['open', 'invite', 'closed'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

/** Who may register, who administers the node, the rate limits, and the accounts created at start. */
export const ACCOUNT_SETTINGS = {
  disableRegistration: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? false,
    effect: acts(),
    readme: {
      type: 'boolean',
      default: '`false`',
      meaning: 'No new accounts (the same as `registration: "closed"`).',
    },
  }),
  registration: setting<RegistrationMode>()({
    checks: [IsIn(REGISTRATION_MODES, { message: '$property must be one of open, invite, closed' })],
    env: 'string',
    resolve: (value, settings): RegistrationMode =>
      settings.disableRegistration === true ? 'closed' : (value ?? 'open'),
    effect: acts(),
    readme: {
      type: '`open` `invite` `closed`',
      default: '`open` (`closed` when `disableRegistration` is true)',
      meaning:
        'Ours. Who may register: anyone, only with an invite code an admin made (`pumphouse ctl invites create`, ' +
        '`/main/admin/invites`; single use, expiring), or no one. Admins make accounts in every mode ' +
        '(`pumphouse ctl users create`).',
    },
  }),
  blockedNicknames: setting<string[]>()({
    checks: [IsArray(), IsString({ each: true }), IsNotEmpty({ each: true })],
    env: 'json',
    resolve: (value) => Object.freeze([...(value ?? [])]),
    effect: acts(),
    readme: {
      type: 'list of nicknames',
      default: '`[]`',
      meaning:
        'Ours. Nicknames registration refuses (400), in any case, on top of a built-in list (admin, root, ' +
        'support, help, www, postmaster, ...; see src/domain/admin/nickname-block-list.ts).',
    },
  }),
  admins: setting<string[]>()({
    checks: [IsArray(), IsString({ each: true }), IsNotEmpty({ each: true })],
    env: 'json',
    resolve: (value) => Object.freeze([...(value ?? [])]),
    effect: acts(),
    readme: {
      type: 'list of nicknames',
      default: '`[]`',
      meaning:
        'Ours. Users who see the admin pages (`/main/admin/users`, `reports`, `invites`, `deliveries`).',
    },
  }),
  rateLimits: setting<RateLimitsSchema>()({
    checks: [ValidateNested(), Type(() => RateLimitsSchema)],
    env: 'json',
    resolve: (value): Readonly<RateLimitsSchema> => Object.freeze({ ...(value ?? {}) }),
    effect: acts(),
    readme: {
      type: '`{login?, registration?, apiWrites?, clientRegistration?, inboxDeliveries?}`, each `{points, durationSeconds}`',
      default:
        'login 10 per 15 min, registration 5 per hour, apiWrites 300 per min, clientRegistration 60 per hour, ' +
        'inboxDeliveries 6000 per min',
      meaning:
        'Ours. Failed login attempts (a login that succeeds gives its point back), registrations and OAuth client ' +
        'registrations (per address) and API writes (per ' +
        'address, and per client once its signature is verified), counted across all workers; deliveries from ' +
        'other servers to the inboxes (per address) have their own budget, since pump.io drops a delivery that ' +
        'gets a 429. Over the limit a request gets 429 with `Retry-After` (a browser gets the error page). ' +
        '`points: 0` turns limits off.',
    },
  }),
  clients: setting<SeedClientSchema[]>()({
    checks: [IsArray(), ValidateNested({ each: true }), Type(() => SeedClientSchema)],
    env: 'json',
    resolve: (value): readonly SeedClientSchema[] => Object.freeze([...(value ?? [])]),
    effect: acts(),
    readme: {
      type: 'list of `{client_id, client_secret, title?, description?, host?}`',
      default: '`[]`',
      meaning: 'OAuth clients created at start.',
    },
  }),
  users: setting<SeedUserSchema[]>()({
    checks: [IsArray(), ValidateNested({ each: true }), Type(() => SeedUserSchema)],
    env: 'json',
    resolve: (value): readonly SeedUserSchema[] => Object.freeze([...(value ?? [])]),
    effect: acts(),
    readme: {
      type: 'list of `{nickname, password, email?, tokens?: [{token, token_secret?, client_id, scope?}]}`',
      default: '`[]`',
      meaning:
        'Users and tokens created at start (meant for tests): a token with `token_secret` and no `scope` is an OAuth 1.0a access token, any other an OAuth 2 bearer token.',
    },
  }),
  maxFollowImport: setting<number>()({
    checks: [IsInt(), Min(1)],
    env: 'integer',
    resolve: (value) => value ?? 1000,
    effect: acts(),
    readme: {
      type: 'integer',
      default: '`1000`',
      meaning:
        'Ours. Most people one import of follows may name (`POST /api/user/<nick>/following/import`, the account ' +
        'page); a longer list is refused with 400 and nothing is followed.',
    },
  }),
};
