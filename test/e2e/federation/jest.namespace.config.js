// The jest run INSIDE the federation namespace, started by federation.test.ts (never on its own: outside the
// namespace the scenarios refuse to run). It reuses the e2e project's transform and setup.
const { join } = require('node:path');
const root = join(__dirname, '..', '..', '..');
const e2e = require(join(root, 'jest.config.js')).projects.find((project) => project.displayName === 'e2e');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: root,
  displayName: 'federation (inside the namespace)',
  testEnvironment: 'node',
  transform: e2e.transform,
  transformIgnorePatterns: e2e.transformIgnorePatterns,
  setupFiles: e2e.setupFiles,
  testMatch: ['<rootDir>/test/e2e/federation/scenarios/**/*.scenario.ts'],
};
