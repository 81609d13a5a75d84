import { configDefaults, defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const resolve = {
  alias: {
    '@': fileURLToPath(new URL('./', import.meta.url)),
    // lib/server modules guard themselves with `import 'server-only'`, which throws outside React Server.
    'server-only': fileURLToPath(new URL('./lib/server/testing/server-only-stub.ts', import.meta.url)),
  },
};

/** Where unit-style tests live (beside the code); `*.slow.test.ts` among them form the slow project. */
const IN_PROCESS = ['lib/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'];
const SLOW = '**/*.slow.test.ts';

export default defineConfig({
  resolve,
  test: {
    projects: [
      // Fast, in-process: the domain and the server modules (`npm run test:unit`, under 20 s). One worker
      // per core, not Vitest's default of one fewer: on 2 cores that default is a single worker, and much
      // of this project waits on sockets and timers (the server modules' tests), so a second one runs
      // files while the first waits.
      {
        resolve,
        test: { name: 'unit', include: IN_PROCESS, exclude: [...configDefaults.exclude, SLOW], environment: 'node', testTimeout: 60_000, maxWorkers: '100%' },
      },
      // The same kind of tests that take seconds each: toolchains run as child processes (python3, tsc,
      // bash, ESLint) and long property runs (`npm run test:slow`).
      { resolve, test: { name: 'slow', include: IN_PROCESS.map((glob) => glob.replace('*.test.ts', '*.slow.test.ts')), environment: 'node', testTimeout: 120_000 } },
      // React components in jsdom, with Testing Library (`npm run test:components`).
      {
        resolve,
        oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
        test: {
          name: 'components',
          include: ['components/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['components/testing/setup.ts'],
        },
      },
      // Against the production build (`next build` first): real HTTP, real openai SDK, test upstream.
      {
        resolve,
        test: {
          name: 'http',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
