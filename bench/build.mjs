/**
 * `npm run bench:build` — the production build the benchmarks run, in its own dist dir (.next-bench),
 * so that it never disturbs the builds others use (.next, .next-ui). `next build` adds its dist dir's
 * type folders to tsconfig.json's include; that edit is undone here, so a benchmark leaves no change
 * in tracked files (anything else that changed tsconfig.json meanwhile is left alone).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DIST_DIR, ROOT, log } from './lib/paths.mjs';

export function buildForBench() {
  const tsconfigPath = path.join(ROOT, 'tsconfig.json');
  const before = readFileSync(tsconfigPath, 'utf8');
  log(`building into ${DIST_DIR} (next build)…`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
  });
  const after = readFileSync(tsconfigPath, 'utf8');
  if (after !== before) {
    const mine = (entry) => typeof entry === 'string' && entry.startsWith(`${DIST_DIR}/`);
    const parsed = JSON.parse(after);
    parsed.include = (parsed.include ?? []).filter((entry) => !mine(entry));
    if (isDeepStrictEqual(parsed, JSON.parse(before))) writeFileSync(tsconfigPath, before);
    else log('tsconfig.json changed during the build in other ways too: left as it is');
  }
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) buildForBench();
