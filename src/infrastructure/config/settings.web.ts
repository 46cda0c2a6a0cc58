import { IsBoolean, IsString } from 'class-validator';

import { httpUrl, nonEmptyString, stringList } from './config-validators';
import { absolutePath, acts, inert, setting } from './setting';

/** The web UI and what its pages show. */
export const WEB_SETTINGS = {
  noweb: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? false,
    effect: acts(),
    readme: {
      type: 'boolean (pump.io also wrote `1`/`0`)',
      default: '`false`',
      meaning: 'API only, no web UI: `/` shows a short page about the API.',
    },
  }),
  site: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    resolve: (value) => value ?? 'Pumphouse', // pump.io: "pump.io"
    effect: acts(),
    readme: { type: 'string', default: '`Pumphouse`', meaning: 'Site name. pump.io: `pump.io`.' },
  }),
  owner: setting<string>()({
    checks: [IsString()],
    env: 'string',
    resolve: (value) => value ?? null,
    effect: inert('the pages name no owner'),
    readme: { type: 'string', default: 'none', meaning: 'Owner name in the footer.' },
  }),
  ownerURL: setting<string>()({
    checks: [httpUrl()],
    env: 'string',
    resolve: (value) => value ?? null,
    effect: inert('the pages name no owner'),
    readme: { type: 'http(s) URL', default: 'none', meaning: "Link to the owner's page in the footer." },
  }),
  mainImage: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    resolve: (value) => value ?? null,
    effect: inert('the front page shows no image'),
    readme: { type: 'string', default: 'none', meaning: 'Front-page image.' },
  }),
  appendFooter: setting<string>()({
    checks: [IsString()],
    env: 'string',
    resolve: (value) => value ?? null,
    effect: inert('nothing is added to the footer'),
    readme: { type: 'string', default: 'none', meaning: 'HTML added to the footer.' },
  }),
  favicon: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    resolve: (value, _settings, context) => absolutePath(value, context),
    effect: acts(),
    readme: {
      type: 'path',
      default: 'built-in',
      meaning: 'Icon file served at `/favicon.ico` (as `image/x-icon`); it must be readable at start.',
    },
  }),
  noCDN: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? false,
    effect: inert('every script is served by this server anyway'),
    readme: { type: 'boolean', default: '`false`', meaning: 'Serve scripts and styles locally.' },
  }),
  debugClient: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? false,
    effect: inert('the client scripts are served as they are'),
    readme: { type: 'boolean', default: '`false`', meaning: 'Serve unminified client scripts.' },
  }),
  sockjs: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? true,
    effect: acts(),
    readme: {
      type: 'boolean',
      default: '`true`',
      meaning:
        'Live updates of the web pages (pump.io used SockJS; Pumphouse sends server-sent events at ' +
        '`/main/events`). `false` turns them off; the pages still work.',
    },
  }),
  scripts: setting<string[]>()({
    checks: stringList(),
    env: 'json',
    resolve: (value) => Object.freeze([...(value ?? [])]),
    effect: inert('no script is added to the pages'),
    readme: { type: 'list of strings', default: '`[]`', meaning: 'Extra `<script src>` URLs in the layout.' },
  }),
};
