// `npm start`: `next start`, with its own options (`-p`, `-H`, `--keepAliveTimeout`; PORT / HOSTNAME).
//
// One fix-up, and only for npm: npm 11 reads `-p` as its own flag (`--parseable`), so `npm start -p
// 8080` runs this script with the bare argument `8080` and npm_config_parseable=true. `next start
// 8080` would take 8080 for the project directory and fail; so when npm says it swallowed a `-p`, a
// leading number is given back its `-p`. (`npm start -H …` cannot be helped: npm reads `-H` as
// `--usage` and prints its help without running the script. Use `npm start -- -p 8080 -H 0.0.0.0`.)
//
// Next's CLI runs in this process (no child to forward signals to), as `next start` would.
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
if (process.env.npm_config_parseable === 'true' && /^\d+$/.test(args[0] ?? '')) args.unshift('-p');

const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
process.argv = [process.argv[0], nextBin, 'start', ...args];
await import(nextBin);
