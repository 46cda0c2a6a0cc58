import { join, relative, sep } from 'node:path';

import ts from 'typescript';

import { SETTING_ENTRIES } from '../../../../src/infrastructure/config/settings.table';

const root = join(__dirname, '..', '..', '..', '..');
const configFolder = join(root, 'src', 'infrastructure', 'config') + sep;

/**
 * The properties of PumphouseConfig that code outside the config folder reads, with a file that reads each. Found
 * by type, not by name: `x.port` counts only when `x` is the configuration, so a `port` of something else does not
 * make an inert key look used. Reads are property accesses and destructuring.
 */
function propertiesReadOutsideConfig(): Map<string, string> {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (parsed === undefined) throw new Error('cannot read tsconfig.json');
  const sources = parsed.fileNames.filter((file) => file.startsWith(join(root, 'src') + sep));
  const program = ts.createProgram(sources, parsed.options);
  const checker = program.getTypeChecker();

  const declaring = program.getSourceFile(join(configFolder, 'pumphouse-config.ts'));
  const alias = declaring?.statements.find(
    (statement): statement is ts.TypeAliasDeclaration =>
      ts.isTypeAliasDeclaration(statement) && statement.name.text === 'PumphouseConfig',
  );
  if (alias === undefined) throw new Error('PumphouseConfig is not a type alias of pumphouse-config.ts');
  const configType = checker.getTypeAtLocation(alias.name);
  const isConfig = (node: ts.Node): boolean => checker.getTypeAtLocation(node) === configType;

  const reads = new Map<string, string>();
  for (const file of program.getSourceFiles()) {
    if (
      file.isDeclarationFile ||
      !sources.includes(file.fileName) ||
      file.fileName.startsWith(configFolder)
    ) {
      continue;
    }
    const where = relative(root, file.fileName);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && isConfig(node.expression)) {
        reads.set(node.name.text, where);
      }
      if (ts.isObjectBindingPattern(node) && isConfig(node.parent)) {
        for (const element of node.elements) {
          const name = element.propertyName ?? element.name;
          if (ts.isIdentifier(name)) reads.set(name.text, where);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return reads;
}

describe('the keys of the settings table', () => {
  let reads: Map<string, string>;
  beforeAll(() => {
    reads = propertiesReadOutsideConfig();
  }, 180_000);

  it('finds the reads of the configuration at all (the search works)', () => {
    expect(reads.get('publicBaseUrl')).toBeDefined();
    expect(reads.get('bcryptCost')).toBe('src/infrastructure/container/system.module.ts');
  });

  const acting = SETTING_ENTRIES.flatMap(([name, spec]) =>
    spec.effect.acts
      ? (spec.effect.through === 'itself' ? [name] : spec.effect.through).map((p) => [name, p])
      : [],
  );

  const inert = SETTING_ENTRIES.filter(([, spec]) => !spec.effect.acts).map(([name]) => name);

  it.each(inert)('%s, warned about as having no effect yet, is read nowhere outside the config', (key) => {
    expect({ key, readBy: reads.get(key) }).toEqual({ key, readBy: undefined });
  });

  it.each(acting)(
    '%s: its resolved property %s is read outside src/infrastructure/config',
    (_key, property) => {
      expect({ property, readBy: reads.get(property) }).toEqual({ property, readBy: expect.any(String) });
    },
  );
});
