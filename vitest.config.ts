import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const resolve = {
  alias: {
    '@': fileURLToPath(new URL('./', import.meta.url)),
    // lib/server modules guard themselves with `import 'server-only'`, which throws outside React Server.
    'server-only': fileURLToPath(new URL('./lib/server/testing/server-only-stub.ts', import.meta.url)),
  },
};

export default defineConfig({
  resolve,
  test: {
    projects: [
      // Fast, in-process: the domain and the server modules.
      { resolve, test: { name: 'unit', include: ['lib/**/*.test.ts', 'app/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
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
