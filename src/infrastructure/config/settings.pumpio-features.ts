import { IsArray, IsBoolean, IsInt, IsString, Min } from 'class-validator';

import { IsHost, IsHostOrFalse, httpUrl, nonEmptyString, portNumber, stringList } from './config-validators';
import { inert, setting } from './setting';

const NO_EMAIL = 'no email is sent';
const NO_SPAM_CHECK = 'nothing is checked for spam';

/**
 * pump.io's features that Pumphouse has not built yet: email, the firehose, spam checks, plugins, the
 * image proxy. Their keys are validated and accepted, so that a pump.io.json starts as it is, and each one set is
 * named in a warning at start.
 */
export const PUMPIO_FEATURE_SETTINGS = {
  requireEmail: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? false,
    effect: inert('registration asks for no email address'),
    readme: { type: 'boolean', default: '`false`', meaning: 'Registration needs a confirmed email.' },
  }),
  smtpserver: setting<string>()({
    checks: [IsHost()],
    env: 'string',
    resolve: (value) => value ?? null,
    effect: inert(NO_EMAIL),
    readme: { type: 'host', default: 'none', meaning: 'SMTP server; enables email.' },
  }),
  smtpport: setting<number>()({
    checks: portNumber(),
    env: 'integer',
    resolve: (value) => value ?? 25,
    effect: inert(NO_EMAIL),
    readme: { type: '1–65535', default: '`25`', meaning: 'Port of the SMTP server.' },
  }),
  smtpuser: setting<string>()({
    checks: [IsString()],
    env: 'string',
    resolve: (value) => value ?? null,
    effect: inert(NO_EMAIL),
    readme: { type: 'string', default: 'none', meaning: 'SMTP user name.' },
  }),
  smtppass: setting<string>()({
    checks: [IsString()],
    env: 'string',
    resolve: (value) => value ?? null,
    effect: inert(NO_EMAIL),
    readme: { type: 'string', default: 'none', meaning: 'SMTP password.' },
  }),
  smtpusetls: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? true,
    effect: inert(NO_EMAIL),
    readme: { type: 'boolean', default: '`true`', meaning: 'STARTTLS.' },
  }),
  smtpusessl: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? false,
    effect: inert(NO_EMAIL),
    readme: { type: 'boolean', default: '`false`', meaning: 'Implicit TLS.' },
  }),
  smtpfrom: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    resolve: (value, settings): string => value ?? `no-reply@${settings.hostname ?? 'localhost'}`,
    effect: inert(NO_EMAIL),
    readme: { type: 'string', default: '`no-reply@<hostname>`', meaning: 'Sender address.' },
  }),
  smtptimeout: setting<number>()({
    checks: [IsInt(), Min(1)],
    env: 'integer',
    resolve: (value) => value ?? 30000,
    effect: inert(NO_EMAIL),
    readme: { type: 'integer ms', default: '`30000`', meaning: 'How long to wait for the SMTP server.' },
  }),
  firehose: setting<string | false>()({
    checks: [IsHostOrFalse()],
    env: 'host-or-off',
    resolve: (value) => (typeof value === 'string' ? value : null),
    effect: inert('nothing is sent to a firehose'),
    readme: {
      type: 'host or `false`',
      default: 'off',
      meaning: 'Host pinged with every public activity. pump.io: `ofirehose.com`, on by default.',
    },
  }),
  spamhost: setting<string>()({
    checks: [httpUrl()],
    env: 'string',
    resolve: (value) => value ?? null,
    effect: inert(NO_SPAM_CHECK),
    readme: {
      type: 'http(s) URL',
      default: 'none',
      meaning: 'activityspam server. Needs `spamclientid` and `spamclientsecret`.',
    },
  }),
  spamclientid: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    resolve: (value) => value ?? null,
    effect: inert(NO_SPAM_CHECK),
    readme: { type: 'string', default: 'none', meaning: 'Client id at the activityspam server.' },
  }),
  spamclientsecret: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    resolve: (value) => value ?? null,
    effect: inert(NO_SPAM_CHECK),
    readme: { type: 'string', default: 'none', meaning: 'Client secret at the activityspam server.' },
  }),
  plugins: setting<string[]>()({
    checks: stringList(),
    env: 'json',
    resolve: (value) => Object.freeze([...(value ?? [])]),
    effect: inert('no plugin is loaded'),
    readme: { type: 'list of strings', default: '`[]`', meaning: 'pump.io plugin modules.' },
  }),
  proxyWhitelist: setting<string[]>()({
    checks: [IsArray(), IsHost({ each: true })],
    env: 'json',
    resolve: (value) => Object.freeze([...(value ?? [])]),
    effect: inert('remote images are not proxied'),
    readme: {
      type: 'list of hosts',
      default: '`[]`',
      meaning: 'Remote hosts not proxied through `/api/proxy`.',
    },
  }),
};
