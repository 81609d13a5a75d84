/**
 * Keeps the page's first load under its budget (bench:page, ≤ 200 KB gzip): from app/page.tsx and
 * app/layout.tsx, the static value imports must not reach what the page loads on demand (zod, Ajv,
 * re2js, lz-string, the dialogs, templates, code export). Dynamic `import()` and type-only imports are fine.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const ON_DEMAND_PACKAGES = ['zod', 'ajv', 'fast-uri', 'lz-string', 're2js'];
const ON_DEMAND_FILES = [
  'lib/wire/chat.ts',
  'lib/scenario/scenario.ts',
  'lib/scenario/share-link.ts',
  'lib/scenario/library.ts',
  'lib/scenario/work.ts',
  'lib/tools/schema-engine.ts',
  'lib/tools/linear-regexp.ts',
  'lib/scenario/templates.ts',
  'lib/export/code.ts',
  'components/scenario/templates-dialog.tsx',
  'components/scenario/library-dialog.tsx',
  'components/scenario/export-dialog.tsx',
  'components/playground/access-gate.tsx',
  'components/scenario/confirm-dialog.tsx',
  'components/evaluate/evaluate-dialog.tsx',
  'lib/store/test-cases.ts',
  'lib/evaluate/types.ts',
];

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)([^'";]*?)\s*from\s*'([^']+)'|^\s*import\s+'([^']+)'/gm;

/** A clause like `{ type A, type B }` imports nothing at run time. */
function typesOnly(clause: string): boolean {
  const braces = /^\{([\s\S]*)\}$/.exec(clause.trim());
  return Boolean(braces && braces[1].split(',').every((item) => item.trim() === '' || item.trim().startsWith('type ')));
}

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@/') ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith('.') ? path.resolve(path.dirname(from), specifier) : null;
  if (!base) return null;
  return ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find(existsSync) ?? null;
}

/** Every project file and package reached through static value imports, with one path to each. */
function reach(entries: string[]) {
  const via = new Map<string, string[]>();
  const queue = entries.map((file) => ({ file: path.join(ROOT, file), trail: [file] }));
  const packages = new Map<string, string[]>();
  while (queue.length) {
    const { file, trail } = queue.shift()!;
    if (via.has(file)) continue;
    via.set(file, trail);
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const [, clause = '', fromSpecifier, bare] = match;
      const specifier = fromSpecifier ?? bare;
      if (fromSpecifier && typesOnly(clause)) continue;
      const target = resolve(file, specifier);
      if (target) queue.push({ file: target, trail: [...trail, path.relative(ROOT, target)] });
      else if (!specifier.startsWith('.') && !specifier.startsWith('@/')) packages.set(specifier, trail);
    }
  }
  return { files: new Map([...via].map(([file, trail]) => [path.relative(ROOT, file), trail])), packages };
}

describe("the page's first load", () => {
  const { files, packages } = reach(['app/page.tsx', 'app/layout.tsx']);

  it('reaches the page itself (the walk works)', () => {
    expect(files.has('components/playground/playground.tsx')).toBe(true);
    expect(files.has('lib/tools/lint.ts')).toBe(true);
    expect(packages.has('@monaco-editor/react')).toBe(true);
  });

  it('does not reach what loads on demand', () => {
    const reached = [
      ...ON_DEMAND_FILES.filter((file) => files.has(file)).map((file) => files.get(file)!.join(' → ')),
      ...[...packages].filter(([name]) => ON_DEMAND_PACKAGES.some((p) => name === p || name.startsWith(`${p}/`))).map(([name, trail]) => `${trail.join(' → ')} → ${name}`),
    ];
    expect(reached).toEqual([]);
  });
});
