// The jest run INSIDE the ActivityPub namespace, started by activitypub.test.ts (never on its own: outside the
// namespace the scenarios refuse to run). It reuses the e2e project's transform (which compiles Fedify's ESM-only
// dependencies, jest.config.js) and setup.
const { join } = require('node:path');
const root = join(__dirname, '..', '..', '..');
const e2e = require(join(root, 'jest.config.js')).projects.find((project) => project.displayName === 'e2e');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: root,
  displayName: 'activitypub (inside the namespace)',
  testEnvironment: 'node',
  transform: e2e.transform,
  transformIgnorePatterns: e2e.transformIgnorePatterns,
  setupFiles: e2e.setupFiles,
  testMatch: ['<rootDir>/test/e2e/activitypub/scenarios/**/*.scenario.ts'],
};
