/**
 * Every function of the whole BFCL corpus (../shared/corpus/bfcl), converted to a tool, lints clean
 * with the Tools editor's own lint (names, the tools shape, JSON Schema compiled by Ajv, strict mode):
 * about 4,000 schemas compiled twice, seconds of work, so it runs with the slow tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTools } from '@/lib/tools/lint';
import { importBfcl } from './bfcl';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus/bfcl');
const FILES = ['BFCL_v4_simple_python.json', 'BFCL_v4_multiple.json', 'BFCL_v4_parallel.json', 'BFCL_v4_parallel_multiple.json', 'BFCL_v4_irrelevance.json'];

describe('the BFCL corpus as tools', () => {
  it('converts every function into tools that lint clean', async () => {
    let cases = 0;
    for (const file of FILES) {
      const { cases: imported, problems } = importBfcl(fs.readFileSync(path.join(CORPUS, file), 'utf8'));
      expect(problems, file).toEqual([]);
      for (const testCase of imported) {
        const text = JSON.stringify(testCase.tools);
        const lint = await lintTools(text);
        expect(lint.problems, `${file} ${testCase.id}`).toEqual([]);
        expect(text).not.toMatch(/"type":"(dict|float|tuple|any)"/);
        cases++;
      }
    }
    expect(cases).toBe(1_240);
  });
});
