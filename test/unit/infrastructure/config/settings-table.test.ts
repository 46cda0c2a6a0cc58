import { inertSettingWarnings } from '../../../../src/infrastructure/config/config.checks';
import { resolveSettings } from '../../../../src/infrastructure/config/config.defaults';
import { SETTING_ENTRIES } from '../../../../src/infrastructure/config/settings.table';

/** The configuration of an empty file: every property the resolved configuration has. */
const resolved = resolveSettings(
  {},
  { cwd: '/srv/pump', dataDir: '/srv/pump/data', secret: 'not the sample' },
);

describe('the settings table', () => {
  it.each(SETTING_ENTRIES)(
    'says whether %s acts, and through what, or what it means while inert',
    (name, spec) => {
      if (spec.effect.acts) {
        const through = spec.effect.through === 'itself' ? [name] : spec.effect.through;
        expect(through.length).toBeGreaterThan(0);
        for (const property of through) expect(Object.keys(resolved)).toContain(property);
      } else {
        expect(spec.effect.meaning.trim()).not.toBe('');
      }
    },
  );

  it.each(SETTING_ENTRIES)(
    'gives %s a value of its own, or names the properties it is folded into',
    (name, spec) => {
      if (spec.resolve === undefined) {
        expect(spec.effect).toMatchObject({ acts: true, through: expect.any(Array) });
        expect(Object.keys(resolved)).not.toContain(name);
      } else {
        expect(Object.keys(resolved)).toContain(name);
      }
    },
  );

  it.each(SETTING_ENTRIES)('describes %s for the README', (_name, spec) => {
    expect(spec.readme.type.trim()).not.toBe('');
    expect(spec.readme.default.trim()).not.toBe('');
    expect(spec.readme.meaning.trim()).not.toBe('');
  });

  it('names every inert key that is set in a warning of its own, with what it means', () => {
    const inert = SETTING_ENTRIES.filter(([, spec]) => !spec.effect.acts);
    const values = Object.fromEntries(inert.map(([name]) => [name, true]));
    const warnings = inertSettingWarnings(values, (key) => `config file /etc/pump.io.json (${key})`);
    expect(warnings.map((warning) => warning.key)).toEqual(inert.map(([name]) => name));
    for (const [name, spec] of inert) {
      const warning = warnings.find((candidate) => candidate.key === name);
      expect(warning?.message).toBe(
        `is accepted but has no effect yet: ${spec.effect.acts ? '' : spec.effect.meaning}`,
      );
      expect(warning?.source).toBe(`config file /etc/pump.io.json (${name})`);
    }
  });

  it('warns about no key that acts', () => {
    const acting = SETTING_ENTRIES.filter(([, spec]) => spec.effect.acts).map(([name]) => name);
    const values = Object.fromEntries(acting.map((name) => [name, true]));
    expect(inertSettingWarnings(values, () => 'environment')).toEqual([]);
  });
});
