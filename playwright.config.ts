import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS } from './scripts/chromium-args.mjs';
import { SENTINEL_KEY } from './test/sentinel.mjs';

// Other ports for a second checkout running its own suite at the same time.
const APP_PORT = Number(process.env.E2E_APP_PORT || 3210);
const UPSTREAM_PORT = Number(process.env.E2E_UPSTREAM_PORT || 4010);
export const UPSTREAM_URL = `http://127.0.0.1:${UPSTREAM_PORT}`;

/**
 * Playwright against the production build (`next build` first), served by `next start` (what
 * `npm start` runs), and the scripted test upstream on loopback. The specs share that upstream's script queue, so they run one at a time.
 * Chromium: CHROMIUM_PATH (scripts/find-chromium.mjs sets it: Playwright's own or Debian's), the flags
 * keep a headless Chromium from reaching for the network on a closed machine.
 */
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: 'on-first-retry',
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || undefined,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      command: `node e2e/upstream/server.mjs --port ${UPSTREAM_PORT}`,
      url: `${UPSTREAM_URL}/__health`,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `npx next start -p ${APP_PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${APP_PORT}/api/v1/models`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: {
        NEXT_TELEMETRY_DISABLED: '1',
        AIML_API_KEY: SENTINEL_KEY,
        AIML_API_BASE_URL: `${UPSTREAM_URL}/v1`,
        AIML_API_TIMEOUT_MS: '5000',
        PLAYGROUND_RATE_LIMIT_PER_MINUTE: '0',
        PLAYGROUND_MCP_CONFIG: 'e2e/mcp-servers.json',
        SIMULATOR_CHUNK_DELAY_MS: '5',
        // Short links' SQLite file, where e2e/short-links.spec.ts looks for plaintext (there must be none).
        PLAYGROUND_DATA_DIR: 'test-results/e2e-data',
      },
    },
  ],
});
