/**
 * `npm run bench:build` — the production build the benchmarks run, in its own dist dir (.next-bench),
 * so that it never disturbs the builds others use (.next, .next-ui). `next build` adds its dist dir's
 * type folders to tsconfig.json's include; that edit is undone here, so a benchmark leaves no change
 * in tracked files (anything else that changed tsconfig.json meanwhile is left alone).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DIST_DIR, ROOT, log } from './lib/paths.mjs';

/**
 * The source a build is of: the commit and any change not committed to what goes into the build (a
 * benchmark must not measure an old build; the results it writes in bench/ do not count).
 */
function sourceStamp() {
  const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const notBuilt = ['bench', 'e2e', 'test', 'docs', 'README.md'];
  // The committed top-level trees and files (content hashes), so that a commit of results alone does not count.
  const committed = git('ls-tree', 'HEAD')
    .split('\n')
    .filter((line) => line && !notBuilt.includes(line.split('\t')[1]))
    .join('\n');
  const changes = git('diff', 'HEAD', '--', '.', ...notBuilt.map((name) => `:(exclude)${name}`));
  return createHash('sha256').update(committed).update(changes).digest('hex');
}

const STAMP = () => path.join(ROOT, DIST_DIR, 'bench-source');

/** Whether the build in DIST_DIR is of the source as it is now. */
export function benchBuildIsCurrent() {
  return existsSync(path.join(ROOT, DIST_DIR, 'BUILD_ID')) && existsSync(STAMP()) && readFileSync(STAMP(), 'utf8') === sourceStamp();
}

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
  writeFileSync(STAMP(), sourceStamp());
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) buildForBench();
