/**
 * Where things are (the repo root, the benchmarks' own build folder, the only host they use) and the
 * progress log: what build.mjs needs without the harness, which builds through it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_DIR = process.env.NEXT_DIST_DIR || '.next-bench';
export const HOST = '127.0.0.1';

export function log(...args) {
  process.stderr.write(`${args.join(' ')}\n`);
}
