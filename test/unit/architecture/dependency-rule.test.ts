import { ESLint } from 'eslint';
import path from 'node:path';

/**
 * The dependency rule of docs/architecture.md §1 is enforced by eslint.config.js. These tests lint deliberate
 * violations as if they stood in each layer, so a weakened config fails `npm test`.
 */
const root = path.resolve(__dirname, '../../..');
// The config is handed over directly: ESLint's own loader uses a dynamic import, which jest's CommonJS runtime
// does not support.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(root, 'eslint.config.js')) as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });

async function restrictedImportMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-properties')
    .map((m) => m.message);
}

describe('the dependency rule', () => {
  it.each([
    ['a package', "import express from 'express';\nexport const x = express;\n"],
    ['a node: module', "import { randomUUID } from 'node:crypto';\nexport const x = randomUUID;\n"],
    [
      'the application layer',
      "import { Clock } from '../application/ports/clock.port';\nexport const x = Clock;\n",
    ],
    ['an adapter', "import { x } from '../adapters/http/app';\nexport const y = x;\n"],
    ['infrastructure', "import { x } from '../infrastructure/config/config';\nexport const y = x;\n"],
  ])('keeps %s out of the domain', async (_what, code) => {
    expect(await restrictedImportMessages('src/domain/violation.ts', code)).not.toHaveLength(0);
  });

  it('lets the domain import the domain', async () => {
    const code = "import { DomainError } from './errors/domain-error';\nexport const x = DomainError;\n";
    expect(await restrictedImportMessages('src/domain/fine.ts', code)).toEqual([]);
  });

  it.each([
    ['a framework', "import express from 'express';\nexport const x = express;\n"],
    ['better-sqlite3', "import Database from 'better-sqlite3';\nexport const x = Database;\n"],
    ['a node: module', "import fs from 'node:fs';\nexport const x = fs;\n"],
    ['an adapter', "import { x } from '../adapters/storage/sqlite/sqlite-storage';\nexport const y = x;\n"],
    ['infrastructure', "import { x } from '../infrastructure/container/container';\nexport const y = x;\n"],
  ])('keeps %s out of the application layer', async (_what, code) => {
    expect(await restrictedImportMessages('src/application/violation.ts', code)).not.toHaveLength(0);
  });

  it('lets the application layer import the domain', async () => {
    const code =
      "import { DomainError } from '../domain/errors/domain-error';\nexport const x = DomainError;\n";
    expect(await restrictedImportMessages('src/application/fine.ts', code)).toEqual([]);
  });

  it('keeps infrastructure and node:cluster out of the adapters', async () => {
    const fromInfrastructure =
      "import { x } from '../../infrastructure/config/config';\nexport const y = x;\n";
    const cluster = "import cluster from 'node:cluster';\nexport const x = cluster;\n";
    expect(
      await restrictedImportMessages('src/adapters/http/violation.ts', fromInfrastructure),
    ).not.toHaveLength(0);
    expect(await restrictedImportMessages('src/adapters/http/violation.ts', cluster)).not.toHaveLength(0);
  });

  it('lets adapters import frameworks, the application and the domain', async () => {
    const code = [
      "import express from 'express';",
      "import { Clock } from '../../application/ports/clock.port';",
      "import { DomainError } from '../../domain/errors/domain-error';",
      'export const x = [express, Clock, DomainError];',
      '',
    ].join('\n');
    expect(await restrictedImportMessages('src/adapters/http/fine.ts', code)).toEqual([]);
  });

  it('keeps process.on and process.exit inside the process-lifecycle adapters', async () => {
    const code = "process.on('SIGTERM', () => undefined);\nprocess.exit(1);\n";
    expect(await restrictedImportMessages('src/infrastructure/cli/violation.ts', code)).toHaveLength(2);
    expect(await restrictedImportMessages('src/infrastructure/process/fine.ts', code)).toEqual([]);
  });
});
