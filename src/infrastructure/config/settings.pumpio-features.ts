import { IsArray } from 'class-validator';

import { IsHost, IsHostOrFalse, httpUrl, nonEmptyString, stringList } from './config-validators';
import { inert, setting } from './setting';

const NO_SPAM_CHECK = 'nothing is checked for spam';

/**
 * pump.io's features that Pumphouse has not built yet: the firehose, spam checks, plugins, the
 * image proxy. Their keys are validated and accepted, so that a pump.io.json starts as it is, and each one set is
 * named in a warning at start.
 */
export const PUMPIO_FEATURE_SETTINGS = {
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
