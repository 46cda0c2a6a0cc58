import { IsBoolean, IsInt, IsString, Min } from 'class-validator';

import { IsHost, nonEmptyString, portNumber } from './config-validators';
import { acts, setting } from './setting';

/**
 * Mail (README "Email"): pump.io's SMTP keys, with its defaults (docs/protocol.md §10.2), and `requireEmail`.
 * Mail goes out through the durable `mail` queue once `smtpserver` is set; without it, nothing is mailed and
 * password recovery is not offered.
 */
export const EMAIL_SETTINGS = {
  requireEmail: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? false,
    effect: acts(),
    readme: {
      type: 'boolean',
      default: '`false`',
      meaning:
        'Registration needs an email address, and the account acts only once it is confirmed. Needs `smtpserver`.',
    },
  }),
  smtpserver: setting<string>()({
    checks: [IsHost()],
    env: 'string',
    resolve: (value) => value ?? null,
    effect: acts(),
    readme: { type: 'host', default: 'none', meaning: 'SMTP server; enables email.' },
  }),
  smtpport: setting<number>()({
    checks: portNumber(),
    env: 'integer',
    resolve: (value) => value ?? 25,
    effect: acts(),
    readme: { type: '1–65535', default: '`25`', meaning: 'Port of the SMTP server.' },
  }),
  smtpuser: setting<string>()({
    checks: [IsString()],
    env: 'string',
    resolve: (value) => value ?? null,
    effect: acts(),
    readme: { type: 'string', default: 'none', meaning: 'SMTP user name (with `smtppass`: log in).' },
  }),
  smtppass: setting<string>()({
    checks: [IsString()],
    env: 'string',
    resolve: (value) => value ?? null,
    effect: acts(),
    readme: { type: 'string', default: 'none', meaning: 'SMTP password.' },
  }),
  smtpusetls: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? true,
    effect: acts(),
    readme: { type: 'boolean', default: '`true`', meaning: 'STARTTLS when the server offers it.' },
  }),
  smtpusessl: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? false,
    effect: acts(),
    readme: { type: 'boolean', default: '`false`', meaning: 'Implicit TLS (port 465).' },
  }),
  smtpcheckcert: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? true,
    effect: acts(),
    readme: {
      type: 'boolean',
      default: '`true`',
      meaning:
        "Check the SMTP server's TLS certificate. `false` for a relay with a self-signed one (pump.io never checks).",
    },
  }),
  smtpfrom: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    resolve: (value, settings): string => value ?? `no-reply@${settings.hostname ?? 'localhost'}`,
    effect: acts(),
    readme: { type: 'string', default: '`no-reply@<hostname>`', meaning: 'Sender address.' },
  }),
  smtptimeout: setting<number>()({
    checks: [IsInt(), Min(1)],
    env: 'integer',
    resolve: (value) => value ?? 30000,
    effect: acts(),
    readme: { type: 'integer ms', default: '`30000`', meaning: 'How long to wait for the SMTP server.' },
  }),
};
