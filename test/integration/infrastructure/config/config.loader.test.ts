import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigError } from '../../../../src/infrastructure/config/config-error';
import { loadConfig, type ConfigSources } from '../../../../src/infrastructure/config/config.loader';

/** Every test gets its own working directory, so relative dataDir and the generated secret stay inside it. */
let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pumphouse-config-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function writeConfig(content: unknown, name = 'pump.io.json'): string {
  const path = join(cwd, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function load(sources: Partial<ConfigSources> = {}) {
  return loadConfig({ env: {}, cwd, ...sources });
}

/** Loads, expects a ConfigError, and answers its problems as "key|source" and its message. */
function refusal(sources: Partial<ConfigSources>): { message: string; problems: string[] } {
  try {
    load(sources);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { message: error.message, problems: error.problems.map((p) => `${p.key}|${p.source}`) };
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig defaults', () => {
  it('serves a new user without any file or variable', () => {
    const config = load({ env: { HOME: '/root', PATH: '/usr/bin' } });
    expect(config).toMatchObject({
      driver: 'sqlite',
      hostname: 'localhost',
      address: '127.0.0.1',
      port: 31337,
      urlPort: 31337,
      site: 'Pumphouse',
      firehose: null,
      redirectToCanonical: true,
      redirectAddressToCanonical: false,
      publicBaseUrl: 'http://localhost:31337',
      dataDir: join(cwd, 'data'),
      databaseFile: join(cwd, 'data', 'pumphouse.sqlite'),
      logLevel: 'info',
      bcryptCost: 12,
      workers: 2,
      bouncePort: 80,
      restartTimeout: 30000,
      heartbeatTimeout: 20000,
      controlSocket: join(cwd, 'data', 'pumphouse.sock'),
      smtpfrom: 'no-reply@localhost',
    });
  });

  it('reads no file without -c', () => {
    // A file in the working directory named like pump.io's is ignored: only -c names a file.
    writeConfig({ port: 'not a number' });
    expect(load().port).toBe(31337);
  });
});

describe('loadConfig precedence', () => {
  it('takes the file over the defaults and the environment over the file', () => {
    const configFile = writeConfig({ port: 8000, site: 'From file', hostname: 'file.example' });
    const config = load({ configFile, env: { PUMPIO_PORT: '9000', PUMPHOUSE_SITE: 'From env' } });
    expect(config.port).toBe(9000);
    expect(config.site).toBe('From env');
    expect(config.hostname).toBe('file.example');
  });

  it('lets PUMPHOUSE_ win over PUMPIO_ for the same key', () => {
    expect(load({ env: { PUMPIO_PORT: '9000', PUMPHOUSE_PORT: '9001' } }).port).toBe(9001);
  });

  it('merges nested environment keys into the file object', () => {
    const configFile = writeConfig({ driver: 'memory', params: { host: 'db.example', dbname: 'pump' } });
    const config = load({ configFile, env: { PUMPIO_PARAMS__HOST: 'other.example' } });
    expect(config.params).toEqual({ host: 'other.example', dbname: 'pump' });
  });

  it('treats null in the file as not set, like pump.io defaults', () => {
    const configFile = writeConfig({ owner: null, urlPort: null, port: 4815 });
    const config = load({ configFile });
    expect(config.owner).toBeNull();
    expect(config.urlPort).toBe(4815);
  });
});

describe('environment mapping and coercion', () => {
  it('maps UPPER_SNAKE to camelCase, and to pump.io keys that are not camelCase', () => {
    const config = load({
      env: {
        PUMPIO_URL_PORT: '443',
        PUMPIO_OWNER_URL: 'https://owner.example/',
        PUMPIO_NO_CDN: 'yes',
        PUMPIO_SMTPSERVER: 'mail.example',
        PUMPHOUSE_DATA_DIR: 'elsewhere',
      },
    });
    expect(config.urlPort).toBe(443);
    expect(config.ownerURL).toBe('https://owner.example/');
    expect(config.noCDN).toBe(true);
    expect(config.smtpserver).toBe('mail.example');
    expect(config.dataDir).toBe(join(cwd, 'elsewhere'));
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['No', false],
  ])('reads the boolean %s as %s', (raw, expected) => {
    expect(load({ env: { PUMPIO_REDIRECT_TO_CANONICAL: raw } }).redirectToCanonical).toBe(expected);
  });

  it('reads hsts as a boolean or as nested options', () => {
    expect(load({ env: { PUMPIO_HSTS: 'true' } }).hsts).toEqual({
      maxAge: 15552000,
      includeSubDomains: true,
      preload: false,
      force: false,
    });
    expect(
      load({
        env: {
          PUMPIO_HSTS__MAX_AGE: '600',
          PUMPIO_HSTS__PRELOAD: 'yes',
          PUMPIO_HSTS__INCLUDE_SUBDOMAINS: '0',
        },
      }).hsts,
    ).toEqual({
      maxAge: 600,
      includeSubDomains: false,
      preload: true,
      force: false,
    });
  });

  it("reads pump.io's 1 and 0 in a file as true and false for a boolean key, as pump.io's tests write noweb: 1", () => {
    expect(load({ configFile: writeConfig({ noweb: 1, bounce: 0 }) })).toMatchObject({
      noweb: true,
      bounce: false,
    });
    const configFile = writeConfig({ noweb: 2 });
    expect(refusal({ configFile }).problems).toEqual([`noweb|config file ${configFile}`]);
  });

  it("takes helmet's old hsts option force, which also sends the header on plain HTTP", () => {
    expect(load({ configFile: writeConfig({ hsts: { force: true } }) }).hsts).toEqual({
      maxAge: 15552000,
      includeSubDomains: true,
      preload: false,
      force: true,
    });
    expect(load({ env: { PUMPIO_HSTS__FORCE: 'yes' } }).hsts).toMatchObject({ force: true });
  });

  it('reads arrays as JSON', () => {
    const config = load({ env: { PUMPIO_PLUGINS: '["a", "b"]' } });
    expect(config.plugins).toEqual(['a', 'b']);
  });

  it('takes outboundAllowedNetworks as a list of CIDR ranges, empty by default, and refuses anything else', () => {
    expect(load().outboundAllowedNetworks).toEqual([]);
    const configFile = writeConfig({ outboundAllowedNetworks: ['127.0.70.0/24', 'fd00::/8'] });
    expect(load({ configFile }).outboundAllowedNetworks).toEqual(['127.0.70.0/24', 'fd00::/8']);
    for (const bad of [['127.0.0.1'], ['10.0.0.0/33'], ['localhost/8'], '127.0.0.0/8', [7]]) {
      const file = writeConfig({ outboundAllowedNetworks: bad });
      expect(refusal({ configFile: file }).problems).toEqual([`outboundAllowedNetworks|config file ${file}`]);
    }
    const env = { PUMPHOUSE_OUTBOUND_ALLOWED_NETWORKS: '["127.0.0.0/8"]' };
    expect(load({ env }).outboundAllowedNetworks).toEqual(['127.0.0.0/8']);
  });

  it('switches the firehose on with a host and off with an empty value', () => {
    expect(load({ env: { PUMPIO_FIREHOSE: 'ofirehose.com' } }).firehose).toBe('ofirehose.com');
    expect(load({ env: { PUMPIO_FIREHOSE: '' } }).firehose).toBeNull();
  });

  it.each([
    ['PUMPIO_REDIRECT_TO_CANONICAL', 'maybe', 'redirectToCanonical'],
    ['PUMPIO_BOUNCE', 'on', 'bounce'],
    ['PUMPIO_PORT', '80a', 'port'],
    ['PUMPIO_PORT', '8.5', 'port'],
    ['PUMPHOUSE_CHILDREN', '', 'children'],
    ['PUMPIO_CLIENTS', '[{', 'clients'],
    ['PUMPIO_PORT__MAX', '1', 'port'],
    ['PUMPIO_HSTS__MAX_AGES', '1', 'hsts'],
    ['PUMPIO_HSTS__MAX_AGE', 'long', 'hsts.maxAge'],
  ])('refuses %s=%s naming the key and the variable', (variable, raw, key) => {
    const { problems, message } = refusal({ env: { [variable]: raw } });
    expect(problems).toEqual([`${key}|environment variable ${variable}`]);
    expect(message).toContain(key);
  });
});

describe('refusals', () => {
  it('refuses an unknown key in the file, naming the file and suggesting the right case', () => {
    const configFile = writeConfig({ Port: 8000 });
    const { problems, message } = refusal({ configFile });
    expect(problems).toEqual([`Port|config file ${configFile}`]);
    expect(message).toContain('did you mean "port"');
  });

  it('refuses an unknown environment variable under our prefixes', () => {
    expect(refusal({ env: { PUMPHOUSE_FROBNICATE: '1' } }).problems).toEqual([
      'frobnicate|environment variable PUMPHOUSE_FROBNICATE',
    ]);
  });

  it.each(['nicknameBlacklist', 'canUpload', 'haveEmail', 'uploaddir'])(
    'refuses the internal key %s',
    (key) => {
      const configFile = writeConfig({ [key]: 2 });
      expect(refusal({ configFile }).problems).toEqual([`${key}|config file ${configFile}`]);
    },
  );

  it("takes workers, or pump.io's children as its alias, and runs one worker on the memory driver", () => {
    expect(load({ env: { PUMPIO_WORKERS: '4' } }).workers).toBe(4);
    expect(load({ env: { PUMPIO_CHILDREN: '3' } }).workers).toBe(3);
    expect(load({ env: { PUMPIO_CHILDREN: '0' } }).workers).toBe(2);
    expect(load({ env: { PUMPIO_DRIVER: 'memory' } }).workers).toBe(1);
  });

  it('refuses more than one worker on the memory driver, and workers and children that disagree', () => {
    const memory = refusal({ env: { PUMPIO_DRIVER: 'memory', PUMPHOUSE_WORKERS: '2' } });
    expect(memory.problems).toEqual(['workers|environment variable PUMPHOUSE_WORKERS']);
    expect(memory.message).toContain('memory driver');
    const configFile = writeConfig({ workers: 2, children: 3 });
    expect(refusal({ configFile }).problems).toEqual([`children|config file ${configFile}`]);
  });

  it.each([
    [{ port: '8000' }, 'port'],
    [{ port: 70000 }, 'port'],
    [{ driver: 'disk' }, 'driver'],
    [{ hostname: 'http://example.org' }, 'hostname'],
    [{ logLevel: 'verbose' }, 'logLevel'],
    [{ hsts: { maxAge: -1 } }, 'hsts'],
    [{ controlSocket: '8000' }, 'controlSocket'],
    [{ plugins: 'one' }, 'plugins'],
    [{ clients: [{ client_id: 'x' }] }, 'clients.0.client_secret'],
    [{ users: [{ nickname: 'a', password: 'b', tokens: [{ token: 't' }] }] }, 'users.0.tokens.0.client_id'],
    [{ clients: [{ client_id: 'x', client_secret: 'y', extra: 1 }] }, 'clients.0.extra'],
  ])('refuses %j naming %s', (content, key) => {
    const configFile = writeConfig(content);
    expect(refusal({ configFile }).problems).toEqual([`${key}|config file ${configFile}`]);
  });

  it('refuses the sample secret', () => {
    const { problems, message } = refusal({ env: { PUMPIO_SECRET: 'my dog has fleas' } });
    expect(problems).toEqual(['secret|environment variable PUMPIO_SECRET']);
    expect(message).toContain('sample');
  });

  it.each([
    [{ key: 'missing.key' }, 'key'],
    [{ bounce: true }, 'bounce'],
    [{ spamhost: 'https://spam.example' }, 'spamhost'],
    [{ dataDir: 'a', datadir: 'b' }, 'datadir'],
    [{ nologger: true, logfile: 'x.log' }, 'nologger'],
  ])('refuses the combination %j naming %s', (content, key) => {
    const configFile = writeConfig(content);
    expect(refusal({ configFile }).problems[0]).toBe(`${key}|config file ${configFile}`);
  });

  it('reports every problem at once', () => {
    const configFile = writeConfig({ port: 'x', bogus: 1 });
    // What is not a setting at all comes first, then the values; each key once.
    expect(refusal({ configFile, env: { PUMPIO_BOUNCE: 'on' } }).problems).toEqual([
      'bounce|environment variable PUMPIO_BOUNCE',
      `bogus|config file ${configFile}`,
      `port|config file ${configFile}`,
    ]);
  });

  it('refuses a missing -c file', () => {
    const configFile = join(cwd, 'nope.json');
    const { message } = refusal({ configFile });
    expect(message).toContain(configFile);
    expect(message).toContain('does not exist');
  });

  it('refuses invalid JSON with the parser message', () => {
    const configFile = writeConfig('{"port": 80,,}');
    expect(refusal({ configFile }).message).toMatch(/invalid JSON: .*JSON/);
  });

  it('refuses a file that is not a JSON object', () => {
    expect(refusal({ configFile: writeConfig('[1, 2]') }).message).toContain('one JSON object');
  });
});

describe('derived values', () => {
  it('maps pump.io datadir onto dataDir and resolves it against the working directory', () => {
    const configFile = writeConfig({ datadir: 'var/pump' });
    expect(load({ configFile }).dataDir).toBe(join(cwd, 'var', 'pump'));
  });

  it('serves https with key and cert, and builds the public URL from urlPort and urlPath', () => {
    writeFileSync(join(cwd, 'tls.key'), 'key');
    writeFileSync(join(cwd, 'tls.crt'), 'cert');
    const configFile = writeConfig({
      key: 'tls.key',
      cert: 'tls.crt',
      hostname: 'social.example',
      port: 8443,
    });
    const config = load({ configFile, env: { PUMPIO_URL_PATH: 'pump/' } });
    expect(config.tls).toEqual({ keyFile: join(cwd, 'tls.key'), certFile: join(cwd, 'tls.crt') });
    expect(config.publicBaseUrl).toBe('https://social.example:8443/pump');
  });

  it('uses a configured secret as is and writes no secret file', () => {
    const config = load({ env: { PUMPIO_SECRET: 'correct horse battery staple' } });
    expect(config.secret).toBe('correct horse battery staple');
    expect(existsSync(join(cwd, 'data', 'secret'))).toBe(false);
  });

  it('is silent under nologger', () => {
    expect(load({ env: { PUMPIO_NOLOGGER: 'true' } }).logLevel).toBe('silent');
  });
});

describe('rateLimits', () => {
  it('takes each rule from the file, keeping the others at their defaults (left empty)', () => {
    const file = writeConfig({ rateLimits: { apiWrites: { points: 0, durationSeconds: 60 } } });
    expect(load({ configFile: file }).rateLimits).toEqual({ apiWrites: { points: 0, durationSeconds: 60 } });
    expect(load().rateLimits).toEqual({});
  });

  it('refuses a rule with a negative, fractional or missing value, naming the nested key', () => {
    const file = writeConfig({
      rateLimits: { login: { points: -1, durationSeconds: 1.5 }, registration: {} },
    });
    const { problems } = refusal({ configFile: file });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^rateLimits\.login\.points\|/),
        expect.stringMatching(/^rateLimits\.login\.durationSeconds\|/),
        expect.stringMatching(/^rateLimits\.registration\.points\|/),
      ]),
    );
  });
});
