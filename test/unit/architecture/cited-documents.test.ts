import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A comment that cites a document must cite one a maintainer can open: a file of this repository (README.md or
 * docs/*.md, written as its path from the repository root) and, when it names a section (§6.1), a section that
 * is a heading of that document. A bare `§x.y` (no document before it in the same clause) belongs to the
 * documents the same file cites; one after `RFC nnnn` is the RFC's and is not checked here. This test reads the
 * repository's own sources and documents as data, as the other architecture tests do; nothing else is touched.
 */
const root = path.resolve(__dirname, '../../..');
const SCANNED_DIRS = ['src', 'test', 'bench', 'bin'];
const SCANNED_FILES = ['eslint.config.js', 'jest.config.js'];
const SELF = path.relative(root, __filename);

/** A document path, an RFC, a section sign with its number, or a character that ends a clause. */
const TOKEN = /(?<![\w./-])([\w./-]+\.md)\b|\bRFC ?\d+|§(\d+[a-z]?(?:\.\d+)*)|[():;]|\.\s/g;
const HEADING = /^#{1,6}\s+(\d+[a-z]?(?:\.\d+)*)\.?\s/gm;

function sourceFiles(dir: string): string[] {
  if (!existsSync(path.join(root, dir))) return [];
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|js)$/.test(entry.name) ? [relative] : [];
  });
}

const sectionsOf = new Map<string, ReadonlySet<string> | null>();

/** The section numbers of a document of the repository, or null when there is no such file. */
function sections(document: string): ReadonlySet<string> | null {
  if (!sectionsOf.has(document)) {
    const file = path.join(root, document);
    const inRepository = !path.relative(root, file).startsWith('..') && existsSync(file);
    sectionsOf.set(
      document,
      inRepository
        ? new Set([...readFileSync(file, 'utf8').matchAll(HEADING)].map((match) => match[1]))
        : null,
    );
  }
  return sectionsOf.get(document) ?? null;
}

/** Every problem with the citations of one file's text, as `file: message` lines. */
function citationProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  const tokens = [...text.matchAll(TOKEN)];
  const cited = [
    ...new Set(tokens.map((token) => token[1]).filter((name): name is string => name !== undefined)),
  ];
  for (const document of cited) {
    if (sections(document) === null)
      problems.push(`${file}: cites ${document}, which is not a file of the repository`);
  }
  let current: string | undefined; // the document or RFC the clause is about
  for (const token of tokens) {
    const [whole, document, section] = token;
    if (document !== undefined) current = document;
    else if (whole.startsWith('RFC')) current = 'RFC';
    else if (section === undefined) current = undefined;
    else if (current === 'RFC') continue;
    else if (current !== undefined) {
      if (sections(current)?.has(section) === false)
        problems.push(`${file}: ${current} has no section §${section}`);
    } else {
      const owners = cited.map(sections).filter((set): set is ReadonlySet<string> => set !== null);
      if (owners.length === 0)
        problems.push(`${file}: §${section} without a document (cite one in the file)`);
      else if (!owners.some((set) => set.has(section))) {
        problems.push(`${file}: §${section} is a section of none of ${cited.join(', ')}`);
      }
    }
  }
  return problems;
}

describe('cited documents', () => {
  it('are files of the repository, and every cited section is a heading of its document', () => {
    const files = [...SCANNED_DIRS.flatMap(sourceFiles), ...SCANNED_FILES].filter((file) => file !== SELF);
    const problems = files.flatMap((file) =>
      citationProblems(file, readFileSync(path.join(root, file), 'utf8')),
    );
    expect(problems).toEqual([]);
  });

  it('finds a document outside the repository, a missing section and a bare section without a document', () => {
    const outside = ['spec', 'pumpio-protocol.md'].join('/');
    expect(citationProblems('a.ts', `// (${outside} §6.1)`)).toEqual([
      `a.ts: cites ${outside}, which is not a file of the repository`,
    ]);
    expect(citationProblems('b.ts', '// (README' + '.md §99.1)')).toEqual([
      'b.ts: README.md has no section §99.1',
    ]);
    expect(citationProblems('c.ts', '// the default recipients (§6.1)')).toEqual([
      'c.ts: §6.1 without a document (cite one in the file)',
    ]);
    expect(citationProblems('d.ts', '// percent-encoding (RFC 5849 §3.6)')).toEqual([]);
  });
});
