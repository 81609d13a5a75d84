// After a build: puts public/ (Monaco included) and <distDir>/static beside the standalone server
// (<distDir>/standalone/server.js), which, as Next documents, serves them but does not copy them. Run
// by `npm run build` (postbuild), `npm test` and the Dockerfile; each run replaces the previous copy.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const distDir = relative(process.cwd(), resolve(process.env.NEXT_DIST_DIR || '.next'));
const standalone = join(distDir, 'standalone');
if (!existsSync(join(standalone, 'server.js'))) {
  console.error(`No standalone server in ${standalone}/: run \`npm run build\` first (next.config.mjs sets output: 'standalone').`);
  process.exit(1);
}
for (const [from, to] of [
  ['public', join(standalone, 'public')],
  [join(distDir, 'static'), join(standalone, distDir, 'static')],
]) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
console.log(`Standalone server ready: node ${join(standalone, 'server.js')} (PORT, HOSTNAME)`);
