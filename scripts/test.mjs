// `npm test`: typecheck, lint, unit tests, component tests, slow tests, a production build with a
// sentinel key, HTTP-level tests against the built app, the topology test (its standalone server twice
// behind nginx), then Playwright in a real Chromium. Stops at the first failing stage; ends with one line
// counting every test run (lint counts nothing: it must pass).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { findChromium } from './find-chromium.mjs';
import { SENTINEL_KEY } from '../test/sentinel.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const REPORTS = 'test-reports';
mkdirSync(REPORTS, { recursive: true });
const totals = { passed: 0, failed: 0 };

function run(title, command, args, extraEnv = {}) {
  process.stdout.write(`\n=== ${title} ===\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    process.stdout.write(`\n${title} failed (exit ${result.status ?? result.signal}).\n`);
    process.exit(result.status || 1);
  }
}

function countVitest(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
}

/** `vitest run` of some projects, with a JSON report named after the first for the count. */
const vitest = (...projects) => [
  'vitest',
  'run',
  ...projects.flatMap((project) => ['--project', project]),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${REPORTS}/${projects[0]}.json`,
];

run('Typecheck', 'npx', ['tsc', '--noEmit']);
run('Lint', 'npm', ['run', '--silent', 'lint']);
// The quick projects first, so that a mistake shows in seconds; the slow one before the build.
for (const [title, projects] of [['Unit tests', ['unit', 'unit-server']], ['Component tests', ['components']], ['Slow tests', ['slow']]]) {
  run(title, 'npx', vitest(...projects));
  countVitest(`${REPORTS}/${projects[0]}.json`);
}
// The sentinel stands in for a real key at build time: tests prove it reaches no client file.
run('Production build', 'npx', ['next', 'build'], { AIML_API_KEY: SENTINEL_KEY });
run('HTTP tests', 'npx', vitest('http'));
countVitest(`${REPORTS}/http.json`);
// The same build's standalone server, twice, behind nginx with PostgreSQL and Redis (test/cluster).
run('Standalone assets', 'node', ['scripts/standalone-assets.mjs']);
run('Topology tests', 'npx', vitest('cluster'));
countVitest(`${REPORTS}/cluster.json`);
const chromium = findChromium();
run('End-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], {
  CHROMIUM_PATH: chromium,
  PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORTS}/e2e.json`,
});
const e2e = JSON.parse(readFileSync(`${REPORTS}/e2e.json`, 'utf8')).stats;
totals.passed += e2e.expected + e2e.flaky;
totals.failed += e2e.unexpected;
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed\n`);
