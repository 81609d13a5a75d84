// `npm test`: typecheck, unit tests, a production build with a sentinel key, HTTP-level tests against
// the built app, then Playwright in a real Chromium. Stops at the first failing stage.
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';
import { SENTINEL_KEY } from '../test/sentinel.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function run(title, command, args, extraEnv = {}) {
  process.stdout.write(`\n=== ${title} ===\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    process.stdout.write(`\n${title} failed (exit ${result.status ?? result.signal}).\n`);
    process.exit(result.status || 1);
  }
}

run('Typecheck', 'npx', ['tsc', '--noEmit']);
run('Unit tests', 'npx', ['vitest', 'run', '--project', 'unit']);
// The sentinel stands in for a real key at build time: tests prove it reaches no client file.
run('Production build', 'npx', ['next', 'build'], { AIML_API_KEY: SENTINEL_KEY });
run('HTTP tests', 'npx', ['vitest', 'run', '--project', 'http']);
const chromium = findChromium();
run('End-to-end tests', 'npx', ['playwright', 'test'], { CHROMIUM_PATH: chromium });
