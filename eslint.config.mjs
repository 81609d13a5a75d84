/**
 * ESLint (flat config), a stage of `npm test` (`npm run lint`). Next's own rules (core-web-vitals, and its
 * typescript config, which is typescript-eslint's `recommended`), then the layers of DESIGN.md:
 *
 *   app → components → lib          app/api → lib/server → lib
 *
 * - lib/** never imports React, Next, components/** or app/**;
 * - components/** never imports lib/server/**, and nothing outside lib/server/** and app/api/** does
 *   (instrumentation.ts, the server's start hook, may import the modules it starts);
 * - every lib/server module starts with `import 'server-only'`;
 * - nothing outside lib/server/** and app/api/** reads the key, and app code reads no process.env at all;
 * - no import cycles.
 *
 * scripts/lint-rules.slow.test.ts shows each of these rules firing on a small fixture. `npm run lint`
 * caches by file content: a cycle made by an edit is reported on the edited file (the unchanged files of
 * the cycle keep their cached result until they change or the config does).
 */
import { fileURLToPath } from 'node:url';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import playground from './scripts/eslint-plugin-playground.mjs';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

/**
 * Next's React, hooks, a11y and Next rules, off outside app/ and components/: lib/ cannot import React
 * (below), and the rest is Node code, where they misfire (Playwright's fixture `use` is not a hook) and
 * the React Compiler behind react-hooks would still compile every file (a third of lint's time).
 */
const REACT_RULE = /^(react|react-hooks|jsx-a11y|@next\/next)\//;
const reactRulesOff = Object.fromEntries(
  nextVitals.flatMap((config) => Object.keys(config.rules ?? {})).filter((rule) => REACT_RULE.test(rule)).map((rule) => [rule, 'off']),
);

/** Packages that bring React or Next with them, which lib/** must stay free of. */
const REACT_AND_NEXT = ['react', 'react/*', 'react-dom', 'react-dom/*', 'next', 'next/*', '@next/*', '@monaco-editor/react', '@tanstack/react-query', '@testing-library/react'];

/** Test code: it may set up environments for the code it runs (a child's env, the CI flag). */
const TEST_CODE = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'];

const config = [
  {
    name: 'playground/ignores',
    ignores: [
      '.next/**',
      '.next-*/**',
      'out/**',
      'public/monaco/**',
      'test-results/**',
      'playwright-report/**',
      'test-reports/**',
      'bench/out/**',
      'next-env.d.ts',
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  { name: 'playground/react-only-where-react-is', ignores: ['app/**', 'components/**'], rules: reactRulesOff },
  {
    name: 'playground/conventions',
    rules: {
      // A leading underscore marks what is dropped on purpose (`const { stream: _stream, ...rest } = request`).
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Config files export their object as the tools expect it; a name would only repeat the file's.
    name: 'playground/config-files',
    files: ['*.config.{js,mjs,ts,mts}'],
    rules: { 'import/no-anonymous-default-export': 'off' },
  },
  {
    name: 'playground/layers',
    plugins: { playground },
    // Packages are never part of a cycle of ours; without this, no-cycle parses every .d.ts they bring (most of lint's time).
    settings: { 'import/ignore': ['/node_modules/'] },
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-restricted-paths': [
        'error',
        {
          basePath: ROOT,
          zones: [
            {
              target: './lib',
              from: ['./components', './app'],
              message: 'lib/ is framework-free: it never imports components/ or app/ (imports run app → components → lib).',
            },
            {
              target: './components',
              from: './lib/server',
              message: 'components/ is client code: lib/server is for app/api only (its `server-only` import would break the build).',
            },
            {
              // Everything but lib/server, app/api, components (the zone above), instrumentation.ts and proxy.ts (below).
              target: ['./lib/!(server)', './lib/!(server)/**', './app/!(api)', './app/!(api)/**', './!(lib|app|components|node_modules)/**', './!(instrumentation.ts|proxy.ts)'],
              from: './lib/server',
              message: 'Only lib/server itself and app/api import lib/server.',
            },
            {
              target: './instrumentation.ts',
              from: './lib/server',
              except: ['./env.ts', './node-chat.ts', './client-address.ts', './links/store.ts'],
              message: 'instrumentation.ts imports only what it starts: lib/server/env, lib/server/node-chat, lib/server/client-address and lib/server/links/store.',
            },
            {
              target: './proxy.ts',
              from: './lib/server',
              except: ['./request-guard.ts', './client-address.ts'],
              message: "proxy.ts (Next's Proxy, for the pages) imports only the request checks: lib/server/request-guard and lib/server/client-address.",
            },
          ],
        },
      ],
    },
  },
  {
    name: 'playground/lib-is-framework-free',
    files: ['lib/**/*.{ts,tsx,mts,mjs}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: REACT_AND_NEXT, message: 'lib/ is framework-free TypeScript: React and Next belong in components/ and app/.' }] },
      ],
    },
  },
  {
    name: 'playground/server-only',
    files: ['lib/server/**/*.{ts,tsx,mts}'],
    // Test code under lib/server is never imported by the app, and the stub is what 'server-only' resolves to in tests.
    ignores: ['lib/server/**/*.test.ts', 'lib/server/testing/**', 'lib/server/fixtures/**'],
    rules: { 'playground/server-only-first': 'error' },
  },
  {
    // The key: outside lib/server and app/api, neither app code nor its tests read it. scripts/, bench/,
    // test/ and e2e/ start servers with a key of their own and are exempt.
    name: 'playground/key-stays-on-the-server',
    files: ['**/*.{js,jsx,mjs,ts,tsx,mts}'],
    ignores: ['lib/server/**', 'app/api/**', 'scripts/**', 'bench/**', 'test/**', 'e2e/**'],
    plugins: { playground },
    rules: { 'playground/no-process-env': ['error', { names: ['AIML_API_KEY'] }] },
  },
  {
    // App code reads no environment at all (the server parses it once, in lib/server/env.ts).
    name: 'playground/no-env-in-app-code',
    files: ['{app,components,lib}/**/*.{ts,tsx,mts,mjs}'],
    ignores: ['lib/server/**', 'app/api/**', ...TEST_CODE],
    // With options of its own: a bare 'error' would keep the key-only options set above.
    rules: { 'playground/no-process-env': ['error', {}] },
  },
];

export default config;
