import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { librejsLicenseProblem } from '../../../../../src/adapters/http/security/librejs-license';

const ROOT = join(__dirname, '..', '..', '..', '../..');
const AGPL_MAGNET =
  '// @license magnet:?xt=urn:btih:0b31508aeb0634b347b8270c7bee4d411b5d4109&dn=agpl-3.0.txt AGPL-3.0';

function scriptsUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return scriptsUnder(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

describe('LibreJS license comments', () => {
  it('recognises a script wrapped in @license magnet and @license-end comments', () => {
    expect(librejsLicenseProblem(`${AGPL_MAGNET}\nconsole.log(1);\n// @license-end\n`)).toBeNull();
  });

  it('names what is missing', () => {
    expect(librejsLicenseProblem('console.log(1);\n// @license-end\n')).toMatch(/at the top/);
    expect(librejsLicenseProblem(`${AGPL_MAGNET}\nconsole.log(1);\n`)).toMatch(/@license-end/);
  });

  it('is carried by every script we serve (public/**/*.js)', () => {
    const problems = scriptsUnder(join(ROOT, 'public'))
      .map((path) => ({
        path: relative(ROOT, path),
        problem: librejsLicenseProblem(readFileSync(path, 'utf8')),
      }))
      .filter(({ problem }) => problem !== null);
    expect(problems).toEqual([]);
  });
});
