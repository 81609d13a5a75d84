// `npm run test:e2e`: Playwright against an existing production build, with a Chromium found or installed.
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHROMIUM_PATH: findChromium() },
});
process.exit(result.status ?? 1);
