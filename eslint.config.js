// The dependency rule of docs/architecture.md §1 lives here, so that a violation fails `npm test`.
const { defineConfig } = require('eslint/config');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const prettier = require('eslint-config-prettier');

const layer = (name) => ({
  group: [`**/${name}`, `**/${name}/**`],
  message: `this layer must not import ${name}.`,
});

// Frameworks and runtime modules that only adapters and infrastructure may touch.
const frameworks = [
  'express',
  'mongodb',
  'pug',
  'inversify',
  'reflect-metadata',
  'better-sqlite3',
  'class-validator',
  'class-transformer',
  'pino',
  'bcryptjs',
];

const domainRule = {
  patterns: [
    layer('application'),
    layer('adapters'),
    layer('infrastructure'),
    {
      // Anything that is not a relative import is outside the pure domain: packages and node:* alike.
      regex: '^(?!\\.)',
      message: 'the domain is pure: it imports nothing outside src/domain.',
    },
  ],
};

const applicationRule = {
  paths: frameworks.map((name) => ({
    name,
    message: 'the application layer reaches frameworks through ports.',
  })),
  patterns: [
    layer('adapters'),
    layer('infrastructure'),
    { regex: '^node:', message: 'the application layer reaches the runtime through ports.' },
  ],
};

const adaptersRule = {
  paths: [
    {
      name: 'node:cluster',
      message: 'only the cluster process adapter in infrastructure imports node:cluster.',
    },
  ],
  patterns: [layer('infrastructure')],
};

module.exports = defineConfig([
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['src/domain/**/*.ts'], rules: { 'no-restricted-imports': ['error', domainRule] } },
  { files: ['src/application/**/*.ts'], rules: { 'no-restricted-imports': ['error', applicationRule] } },
  { files: ['src/adapters/**/*.ts'], rules: { 'no-restricted-imports': ['error', adaptersRule] } },
  {
    // Only the process-lifecycle adapters may touch process.on / process.exit (docs/architecture.md §1).
    files: ['src/**/*.ts'],
    ignores: ['src/infrastructure/process/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'on', message: 'use the ProcessLifecycle port.' },
        { object: 'process', property: 'once', message: 'use the ProcessLifecycle port.' },
        { object: 'process', property: 'exit', message: 'use the ProcessLifecycle port.' },
      ],
    },
  },
  prettier,
]);
