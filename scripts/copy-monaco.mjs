// Serves Monaco from the app's own origin (public/monaco/vs): the editor must never load from a CDN.
// require.resolve('monaco-editor/package.json') is blocked by its exports map, so resolve the package
// entry and walk up to the folder that holds min/.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let dir = dirname(require.resolve('monaco-editor'));
while (!existsSync(join(dir, 'min', 'vs'))) {
  const up = dirname(dir);
  if (up === dir) throw new Error('monaco-editor/min/vs not found: is monaco-editor installed?');
  dir = up;
}
const target = join(process.cwd(), 'public', 'monaco', 'vs');
rmSync(target, { recursive: true, force: true });
cpSync(join(dir, 'min', 'vs'), target, { recursive: true });
console.log(`Monaco copied to ${target}`);
