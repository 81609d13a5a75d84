/**
 * The layer rules of eslint.config.mjs fire: each fixture below is linted with the project's real config
 * (ESLint's Node API, code in memory, placed at a path in the tree), and its twin that keeps the rule
 * must pass. A rule that is never shown to fire may as well not be configured.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '@/lib/testing/shared';

const eslint = new ESLint({ cwd: PROJECT_ROOT, cache: false });
// import/no-cycle reads the linted file from disk and throws on a path that does not exist, which the
// in-memory fixtures are; it has a test of its own, on real files, at the end.
const inMemory = new ESLint({ cwd: PROJECT_ROOT, cache: false, overrideConfig: { rules: { 'import/no-cycle': 'off' } } });

/** The rules `code` breaks when it is the file at `path` (relative to the project), as `rule: message`. */
async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await inMemory.lintText(code, { filePath: join(PROJECT_ROOT, path) });
  return result.messages.map((m) => `${m.ruleId ?? 'not linted'}: ${m.message}`);
}

/** Only the rule ids, for fixtures where the message is not the point. */
async function rules(path: string, code: string): Promise<Array<string | null>> {
  const [result] = await inMemory.lintText(code, { filePath: join(PROJECT_ROOT, path) });
  return result.messages.map((m) => m.ruleId);
}

const ENV = "import { serverEnv } from '@/lib/server/env';\nexport const env = serverEnv;\n";

describe('lib/ is framework-free', () => {
  it('never imports React or Next', async () => {
    expect(await rules('lib/wire/fixture.ts', "import { useState } from 'react';\nexport const s = useState;\n")).toEqual(['no-restricted-imports']);
    expect(await rules('lib/wire/fixture.ts', "import type { ReactNode } from 'react';\nexport type N = ReactNode;\n")).toEqual(['no-restricted-imports']);
    expect(await rules('lib/scenario/fixture.ts', "import { NextResponse } from 'next/server';\nexport const r = NextResponse;\n")).toEqual([
      'no-restricted-imports',
    ]);
    expect(await rules('lib/scenario/fixture.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
  });

  it('never imports components/ or app/, by alias or relative path', async () => {
    const [fromComponents] = await problems('lib/scenario/fixture.ts', "import { Button } from '@/components/ui/controls';\nexport const b = Button;\n");
    expect(fromComponents).toMatch(/^import\/no-restricted-paths: .*lib\/ is framework-free/);
    expect(await rules('lib/scenario/fixture.ts', "import { Button } from '../../components/ui/controls';\nexport const b = Button;\n")).toEqual([
      'import/no-restricted-paths',
    ]);
    expect(await rules('lib/tools/fixture.ts', "import RootLayout from '@/app/layout';\nexport const l = RootLayout;\n")).toEqual([
      'import/no-restricted-paths',
    ]);
    expect(await rules('lib/tools/fixture.ts', "import { lintTools } from '@/lib/tools/lint';\nexport const l = lintTools;\n")).toEqual([]);
  });
});

describe('lib/server is imported only by lib/server and app/api', () => {
  it('not by components/', async () => {
    const [problem] = await problems('components/ui/fixture.tsx', ENV);
    expect(problem).toMatch(/^import\/no-restricted-paths: .*components\/ is client code/);
  });

  it('not by the rest of lib/, app/ outside app/api, nor anything else', async () => {
    for (const path of ['lib/wire/fixture.ts', 'lib/fixture.ts', 'app/fixture.tsx', 'app/x/page.tsx', 'e2e/fixture.ts', 'scripts/fixture.ts', 'server-fixture.ts']) {
      expect(await problems(path, ENV), path).toEqual([expect.stringMatching(/^import\/no-restricted-paths: .*Only lib\/server itself and app\/api/)]);
    }
  });

  it('by lib/server itself and by app/api', async () => {
    expect(await rules('lib/server/fixture.ts', `import 'server-only';\n${ENV}`)).toEqual([]);
    expect(await rules('app/api/v1/fixture/route.ts', ENV)).toEqual([]);
  });

  it('by instrumentation.ts, only the modules it starts', async () => {
    const starts = "export async function register() {\n  await import('./lib/server/env');\n  await import('./lib/server/node-chat');\n}\n";
    expect(await rules('instrumentation.ts', starts)).toEqual([]);
    const other = readdirSync(join(PROJECT_ROOT, 'lib/server')).find((f) => /^[\w-]+\.ts$/.test(f) && !/^(env|node-chat)\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(other, 'some other lib/server module to import').toBeDefined();
    expect(await rules('instrumentation.ts', `export const m = () => import('./lib/server/${basename(other!, '.ts')}');\n`)).toEqual([
      'import/no-restricted-paths',
    ]);
  });
});

describe("every lib/server module starts with import 'server-only'", () => {
  it('reports a module without it, or with it after another statement', async () => {
    const [problem] = await problems('lib/server/fixture.ts', "import { z } from 'zod';\nexport const s = z.string();\n");
    expect(problem).toMatch(/^playground\/server-only-first: /);
    expect(await rules('lib/server/deeper/fixture.ts', "import { z } from 'zod';\nimport 'server-only';\nexport const s = z.string();\n")).toEqual([
      'playground/server-only-first',
    ]);
    expect(await rules('lib/server/fixture.ts', 'export const empty = 1;\n')).toEqual(['playground/server-only-first']);
  });

  it('accepts it first, after a comment; test code under lib/server is exempt', async () => {
    expect(await rules('lib/server/fixture.ts', "/** Why. */\nimport 'server-only';\nimport { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
    expect(await rules('lib/server/fixture.test.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
  });
});

describe('the environment is read on the server only', () => {
  it('app code reads no process.env at all, however it is spelled', async () => {
    const reads = [
      'export const mode = process.env.NODE_ENV;\n',
      "export const mode = process['env'].NODE_ENV;\n",
      'export const all = { ...globalThis.process.env };\n',
      'export const { NEXT_PUBLIC_X } = process.env;\n',
      "import { env } from 'node:process';\nexport const e = env;\n",
    ];
    for (const path of ['lib/wire/fixture.ts', 'components/ui/fixture.tsx', 'app/fixture.tsx']) {
      for (const code of reads) expect(await rules(path, code), `${path}: ${code}`).toEqual(['playground/no-process-env']);
    }
  });

  it('nothing outside lib/server and app/api reads the key: not tests in lib/, nor root files', async () => {
    for (const code of ['export const key = process.env.AIML_API_KEY;\n', "export const key = process.env['AIML_API_KEY'];\n", 'export const { AIML_API_KEY: key } = process.env;\n']) {
      for (const path of ['lib/export/fixture.test.ts', 'lib/testing/fixture.ts', 'instrumentation.ts']) {
        const [problem] = await problems(path, code);
        expect(problem, `${path}: ${code}`).toMatch(/^playground\/no-process-env: AIML_API_KEY is read only in lib\/server/);
      }
    }
    // A computed name could be the key.
    expect(await rules('lib/export/fixture.test.ts', 'export const read = (name: string) => process.env[name];\n')).toEqual(['playground/no-process-env']);
  });

  it('lib/server, app/api, test code and the tooling folders may', async () => {
    const key = 'export const key = process.env.AIML_API_KEY;\n';
    expect(await rules('lib/server/fixture.ts', `import 'server-only';\n${key}`)).toEqual([]);
    expect(await rules('app/api/v1/fixture/route.ts', key)).toEqual([]);
    for (const path of ['scripts/fixture.mjs', 'bench/fixture.mjs', 'test/fixture.test.ts', 'e2e/fixture.spec.ts']) {
      expect(await rules(path, key), path).toEqual([]);
    }
    const ci = 'export const ci = Boolean(process.env.CI);\n';
    expect(await rules('lib/testing/fixture.ts', ci)).toEqual([]);
    expect(await rules('lib/export/fixture.test.ts', ci)).toEqual([]);
    expect(await rules('instrumentation.ts', 'export const node = process.env.NEXT_RUNTIME === "nodejs";\n')).toEqual([]);
  });
});

describe('no import cycles', () => {
  // The cycle rule reads the imported files from disk, so this fixture is two real files, in a
  // folder of its own under the project (where the config applies) that is removed afterwards.
  const dir = mkdtempSync(join(PROJECT_ROOT, '.lint-fixture-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a cycle, through the @/ alias too', async () => {
    const folder = basename(dir);
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
    writeFileSync(join(dir, 'b.ts'), `import { a } from '@/${folder}/a';\nexport const b = () => a;\n`);
    writeFileSync(join(dir, 'c.ts'), "import { a } from './a';\nexport const c = () => a;\n");
    const results = await eslint.lintFiles([join(dir, '*.ts')]);
    const byFile = Object.fromEntries(results.map((r) => [basename(r.filePath), r.messages.map((m) => m.ruleId)]));
    expect(byFile).toEqual({ 'a.ts': ['import/no-cycle'], 'b.ts': ['import/no-cycle'], 'c.ts': [] });
  });
});
