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
const SERVER = ['lib/server/**/*.test.ts', 'app/**/*.test.ts'];
const UNIT = IN_PROCESS.filter((glob) => !glob.startsWith('app/'));
const SLOW = '**/*.slow.test.ts';
const CLUSTER = 'test/cluster/**/*.test.ts';

export default defineConfig({
  resolve,
  test: {
    projects: [
      // `npm run test:unit` runs the next two projects (under 20 s together on 2 cores), one worker per
      // core: Vitest's default is one fewer, a single worker here, while much of unit-server waits on
      // sockets and timers.
      // The framework-free domain: pure modules with no global state, so its files share one module
      // graph (no isolation) instead of each loading zod, Ajv and the rest again — half the run's CPU.
      // A test that changes a global puts it back (vi.stubEnv / vi.stubGlobal are undone after each test).
      {
        resolve,
        test: {
          name: 'unit',
          include: UNIT,
          exclude: [...configDefaults.exclude, SLOW, ...SERVER],
          environment: 'node',
          testTimeout: 60_000,
          maxWorkers: '100%',
          isolate: false,
          unstubEnvs: true,
          unstubGlobals: true,
        },
      },
      // The server modules and the routes: they set process.env and hold sockets, so each file runs alone.
      {
        resolve,
        test: { name: 'unit-server', include: SERVER, exclude: [...configDefaults.exclude, SLOW], environment: 'node', testTimeout: 60_000, maxWorkers: '100%' },
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
          exclude: [...configDefaults.exclude, CLUSTER],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      // The deployment's topology on loopback (`npm run test:cluster`, after a build): two standalone
      // servers behind nginx, sharing PostgreSQL and Redis, all from Debian's packages.
      {
        resolve,
        test: { name: 'cluster', include: [CLUSTER], environment: 'node', testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false },
      },
    ],
  },
});
