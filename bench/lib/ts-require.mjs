/**
 * Lets a plain Node 20 script use the app's TypeScript in lib/ (no tsx or vite-node here): `.ts` files
 * are transpiled to CommonJS with the project's own TypeScript when required (types stripped, no type
 * check; esModuleInterop, as the bundler gives), and `@/` means the repo root, as in tsconfig.json.
 *   const { shareUrl } = requireTs('lib/scenario/share-link.ts');
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from './harness.mjs';

let installed = false;

function install() {
  if (installed) return;
  installed = true;
  Module._extensions['.ts'] = (module, filename) => {
    const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, isolatedModules: true },
    });
    module._compile(outputText, filename);
  };
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return resolveFilename.call(this, request.startsWith('@/') ? path.join(ROOT, request.slice(2)) : request, ...rest);
  };
}

/** Requires a TypeScript module of this repo by its path from the root. */
export function requireTs(file) {
  install();
  return createRequire(path.join(ROOT, 'package.json'))(path.join(ROOT, file));
}
