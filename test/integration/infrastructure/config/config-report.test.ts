import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigError } from '../../../../src/infrastructure/config/config-error';
import * as loader from '../../../../src/infrastructure/config/config.loader';

let cwd: string;
beforeEach(() => (cwd = mkdtempSync(join(tmpdir(), 'pumphouse-config-report-'))));
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

function writeConfig(content: unknown): string {
  const path = join(cwd, 'pump.io.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

function problemsOf(configFile: string, env: Record<string, string> = {}): ConfigError['problems'] {
  try {
    loader.loadConfig({ configFile, env, cwd });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('configuration problems', () => {
  it('are all reported at once: unknown keys, bad values, combinations and the driver together', () => {
    const configFile = writeConfig({ colour: 'blue', port: 'x', bounce: true, driver: 'disk' });
    const keys = problemsOf(configFile, { PUMPIO_WORKERS: 'many' }).map((problem) => problem.key);
    expect(keys.sort()).toEqual(['bounce', 'colour', 'driver', 'port', 'workers']);
  });

  it.each(['disk', 'mongodb', 'redis'])(
    'explain the pump.io driver "%s" as not supported, with the way out',
    (driver) => {
      const configFile = writeConfig({ driver, params: { dir: '/var/lib/pumpio' } });
      const problems = problemsOf(configFile);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ key: 'driver', source: `config file ${configFile}` });
      expect(problems[0].message).toContain(`"${driver}" is not supported`);
      expect(problems[0].message).toContain('use "sqlite"');
    },
  );
});

describe('accepted pump.io keys that have no effect yet', () => {
  it('are each named in one warning, with where they came from', () => {
    const configFile = writeConfig({
      // Act since uploads and email were built (issues #13, #14): no warning.
      enableUploads: true,
      firehose: 'ofirehose.com',
      serverUser: 'pumpio',
      site: 'Acts on this one',
    });
    const { warnings } = loader.loadConfigWithWarnings({ configFile, env: { PUMPIO_COMPRESS: 'true' }, cwd });
    expect(warnings.map((warning) => warning.key).sort()).toEqual(['compress', 'firehose', 'serverUser']);
    expect(warnings.find((warning) => warning.key === 'compress')?.source).toBe(
      'environment variable PUMPIO_COMPRESS',
    );
    for (const warning of warnings) expect(warning.message).toContain('no effect yet');
  });

  it('are not warned about when set to false, which asks for nothing', () => {
    const configFile = writeConfig({ enableUploads: false, firehose: false });
    expect(loader.loadConfigWithWarnings({ configFile, env: {}, cwd }).warnings).toEqual([]);
  });
});
