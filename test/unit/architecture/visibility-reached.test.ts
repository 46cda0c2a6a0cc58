import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The visibility rule is decided in one place (docs/architecture.md §2b): every function and class that
 * src/domain/visibility and src/application/reading export is imported by some other source file, so no rule there
 * is a copy that production never runs while the tests check it. This test reads the sources only.
 */
const root = path.resolve(__dirname, '../../..');
const CHECKED_DIRS = ['src/domain/visibility', 'src/application/reading'];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** The names `file` imports from each module it names, keyed by the module's path from the root. */
function importsOf(file: string): Map<string, Set<string>> {
  const imports = new Map<string, Set<string>>();
  const source = readFileSync(path.join(root, file), 'utf8');
  for (const [, names, specifier] of source.matchAll(
    /^import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/gm,
  )) {
    if (!specifier.startsWith('.')) continue;
    const target = path.relative(root, path.resolve(root, path.dirname(file), specifier)) + '.ts';
    const set = imports.get(target) ?? new Set<string>();
    for (const name of names.split(',')) {
      const imported = name
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0];
      if (imported !== '') set.add(imported);
    }
    imports.set(target, set);
  }
  return imports;
}

describe('visibility code', () => {
  it('exports no function or class that no other source file imports', () => {
    const sources = sourceFiles('src');
    const imported = new Map<string, Set<string>>();
    for (const file of sources) {
      for (const [target, names] of importsOf(file)) {
        const set = imported.get(target) ?? new Set<string>();
        names.forEach((name) => set.add(name));
        imported.set(target, set);
      }
    }
    const unreached = CHECKED_DIRS.flatMap(sourceFiles).flatMap((file) =>
      [
        ...readFileSync(path.join(root, file), 'utf8').matchAll(
          /^export (?:async )?(?:function|class) (\w+)/gm,
        ),
      ]
        .map((match) => match[1])
        .filter((name) => !imported.get(file)?.has(name))
        .map((name) => `${file}: ${name}`),
    );
    expect(unreached).toEqual([]);
  });
});
