import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * No file of the repository keeps a conflict marker of a merge: one once reached main in the README, where a
 * formatter had turned `>>>>>>>` into a quote (`> > > > > > >`) and `=======` into `\=======`. This test reads the
 * repository's own text files as data, as the other architecture tests do.
 */
const root = path.resolve(__dirname, '../../..');
const SCANNED_DIRS = ['src', 'test', 'bench', 'bin', 'docs', 'views', 'scripts', '.ci'];
const SCANNED_FILES = ['README.md', 'package.json', 'eslint.config.js', 'jest.config.js'];
const TEXT = /\.(ts|js|md|pug|json|css|sh)$|^run$/;
const MARKER = /^(<{7}( |$)|>{7}( |$)|={7}$|\\={7}$|(> ){6}>( |$))/m;

function textFiles(dir: string): string[] {
  if (!existsSync(path.join(root, dir))) return [];
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : textFiles(relative);
    return TEXT.test(entry.name) ? [relative] : [];
  });
}

describe('the repository', () => {
  it('keeps no merge conflict marker in any text file', () => {
    const files = [...SCANNED_DIRS.flatMap(textFiles), ...SCANNED_FILES];
    const marked = files.filter((file) => MARKER.test(readFileSync(path.join(root, file), 'utf8')));
    expect(marked).toEqual([]);
  });

  it('recognises the markers git writes and the forms a formatter turns them into', () => {
    for (const text of [
      '<<<<<<< HEAD',
      '=======',
      '>>>>>>> f12/dialback',
      '\\=======',
      '> > > > > > > f12/x',
    ]) {
      expect(MARKER.test(`line\n${text}\nline`)).toBe(true);
    }
    expect(MARKER.test('> a quote\n> > nested')).toBe(false);
  });
});
