/**
 * Test cases as JSON Lines, this project's own format (docs/evaluate.md): one test case per line, each
 * exactly `testCaseSchema` (types.ts) — `{ "id", "messages", "expect", "tools"?, "names"? }` — so a
 * file written here reads back the same, and a file written by hand or by a script is checked line by
 * line: a bad line is a problem in words ("Line 3: expect.calls.0.name: …"), the others still read.
 */
import { describeIssues } from '@/lib/wire/chat';
import { readJsonLines } from './json-lines';
import { testCaseSchema, type TestCase } from './types';

/** One line per case, ending with a newline. */
export function casesToJsonl(cases: readonly TestCase[]): string {
  return cases.map((testCase) => `${JSON.stringify(testCase)}\n`).join('');
}

/** The cases of a JSON Lines text, and what was wrong with the lines left out. */
export function casesFromJsonl(text: string): { cases: TestCase[]; problems: string[] } {
  const { rows, problems } = readJsonLines(text);
  const cases: TestCase[] = [];
  const ids = new Set<string>();
  for (const { line, value } of rows) {
    const parsed = testCaseSchema.safeParse(value);
    if (!parsed.success) {
      problems.push(`Line ${line}: ${describeIssues(parsed.error.issues)}`);
    } else if (ids.has(parsed.data.id)) {
      problems.push(`Line ${line}: the id "${parsed.data.id.slice(0, 80)}" is used by an earlier case`);
    } else {
      ids.add(parsed.data.id);
      cases.push(parsed.data);
    }
  }
  return { cases, problems };
}
