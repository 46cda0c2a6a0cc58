/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

// Fedify's CommonJS build (docs/activitypub.md) requires a few packages that ship only ES modules; jest's CommonJS
// runtime cannot load those (docs: https://jestjs.io/docs/ecmascript-modules), so they alone are compiled to
// CommonJS. Everything else in node_modules stays untransformed.
const esmOnlyDependencies = [
  '@fedify',
  '@logtape',
  'structured-field-values',
  'byte-encodings',
  'urlpattern-polyfill',
  '@js-temporal',
];
const esmToCommonJs = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': esmToCommonJs },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyDependencies.join('|')})/)`],
  setupFiles: ['reflect-metadata'],
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  ...extra,
});

module.exports = {
  projects: [project('unit'), project('contract'), project('integration'), project('e2e')],
};
