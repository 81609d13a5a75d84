/**
 * The scenario's mocks in exported code: fixed results and rules become plain functions in Python and
 * TypeScript (with a `matches` helper that follows lib/mocks/rules.ts), a JavaScript mock goes verbatim
 * into the TypeScript export — it is code the scenario's author wrote, and the export dialog says so —
 * while Python and curl say it was JavaScript and answer with the result it gave in this conversation.
 * Scenario text reaches the code only through ./literals.ts, but for that JavaScript source.
 */
import type { Mock } from '@/lib/mocks/mock';
import { parseWhen, ruleLabel } from '@/lib/mocks/rules';
import { comment, hasMisleadingCharacters, js, oneLine, py, pyString, quoted, verbatimCode } from './literals';

export interface MockPlan {
  name: string;
  mock: Mock;
  /** The results this function gave in the conversation, oldest first (for a JavaScript mock outside TypeScript). */
  given: string[];
}

const JS_NOTE = 'a JavaScript mock in the playground';

/** What a function answers when it has no mock to run here: an error the model can read. */
function noResult(name: string, why: string): string {
  return JSON.stringify({ error: `${name}: ${why}` });
}

function asked(name: string): string {
  return noResult(name, 'in the playground the person typed this result (its mock is "ask me"); put your own code here');
}

function neverGiven(name: string): string {
  return noResult(name, 'its mock is JavaScript, which this program cannot run, and it gave no result in the playground');
}

/** The rules that can match, with their number and condition. */
function usableRules(mock: Extract<Mock, { kind: 'rules' }>) {
  return mock.rules.flatMap((rule, i) => {
    const when = parseWhen(rule.when);
    return when ? [{ number: i + 1, when, result: rule.result, label: ruleLabel(rule.when, 200) }] : [];
  });
}

const PY_MATCHES = `def normalise(text):
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def matches(pattern, value):
    # A rule's condition, as the playground reads it: objects match when every key they name matches
    # (other keys are ignored), arrays item by item, strings once normalised (case and spacing aside),
    # equal or followed by a non-alphanumeric character ("Chicago" matches "Chicago, IL"), others equal.
    if isinstance(pattern, dict):
        return isinstance(value, dict) and all(key in value and matches(inner, value[key]) for key, inner in pattern.items())
    if isinstance(pattern, list):
        return isinstance(value, list) and len(value) == len(pattern) and all(matches(p, v) for p, v in zip(pattern, value))
    if isinstance(pattern, str):
        if not isinstance(value, str):
            return False
        want, got = normalise(pattern), normalise(value)
        return got == want or (want != "" and got.startswith(want) and not got[len(want)].isalnum())
    if isinstance(pattern, bool) or pattern is None or isinstance(value, bool):
        return value is pattern
    return isinstance(value, (int, float)) and value == pattern
`;

function pythonMock(plan: MockPlan, fn: string): string {
  const { name, mock } = plan;
  const head = `def ${fn}(arguments):`;
  if (mock.kind === 'fixed') return `${head}\n    # ${oneLine(name, 64)}: a fixed result.\n    return ${pyString(mock.result)}`;
  if (mock.kind === 'ask') return `${head}\n    return ${pyString(asked(name))}`;
  if (mock.kind === 'javascript') {
    const last = plan.given.at(-1);
    return `${head}\n    # ${oneLine(name, 64)}: ${JS_NOTE}. Python cannot run it, so this returns ${last === undefined ? 'an error' : 'the result it gave there'}.\n    return ${pyString(last ?? neverGiven(name))}`;
  }
  const rules = usableRules(mock).map(
    (rule) => `    # Rule ${rule.number}: ${oneLine(rule.label)}\n    if matches(${py(rule.when, null)}, arguments):\n        return ${pyString(rule.result)}`,
  );
  return `${head}\n    # ${oneLine(name, 64)}: rules, the first that matches answers.\n${rules.join('\n')}${rules.length ? '\n' : ''}    return ${pyString(mock.default)}`;
}

/** The mock functions and `MOCKS`, the table `run_function` looks names up in. */
export function pythonMocks(mocks: MockPlan[]): string {
  const defs = mocks.map((plan, i) => pythonMock(plan, `mock_${i}`));
  const table = mocks.map((plan, i) => `\n    ${pyString(plan.name)}: mock_${i},`);
  const helper = mocks.some((plan) => plan.mock.kind === 'rules') ? `${PY_MATCHES}\n\n` : '';
  return `# The scenario's mock for each function, as plain functions.
${helper}${defs.map((def) => `${def}\n\n\n`).join('')}MOCKS = {${table.join('')}${table.length ? '\n' : ''}}`;
}

const TS_MATCHES = `function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim().replace(/\\s+/g, ' ');
}

// A rule's condition, as the playground reads it: objects match when every key they name matches (other
// keys are ignored), arrays item by item, strings once normalised (case and spacing aside), equal or
// followed by a character that is not a letter or digit ("Chicago" matches "Chicago, IL"), others equal.
function matches(pattern: unknown, value: unknown): boolean {
  if (typeof pattern === 'string') {
    if (typeof value !== 'string') return false;
    const want = normalise(pattern);
    const got = normalise(value);
    return got === want || (want !== '' && got.startsWith(want) && !/[\\p{L}\\p{N}]/u.test(got.charAt(want.length)));
  }
  if (Array.isArray(pattern)) return Array.isArray(value) && value.length === pattern.length && pattern.every((p, i) => matches(p, value[i]));
  if (pattern !== null && typeof pattern === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    return Object.entries(pattern).every(([key, inner]) => Object.hasOwn(value, key) && matches(inner, (value as Record<string, unknown>)[key]));
  }
  return pattern === value;
}
`;

function typescriptMock(plan: MockPlan, fn: string): string {
  const { name, mock } = plan;
  const head = `const ${fn}: Mock = (args) => {`;
  if (mock.kind === 'fixed') return `// ${oneLine(name, 64)}: a fixed result.\nconst ${fn}: Mock = () => ${quoted(mock.result)};`;
  if (mock.kind === 'ask') return `const ${fn}: Mock = () => ${quoted(asked(name))};`;
  if (mock.kind === 'javascript') {
    const hidden = hasMisleadingCharacters(mock.source) ? ' It holds invisible or bidirectional characters: read it in an editor that shows them.' : '';
    return `${comment('//', `${oneLine(name, 64)}: ${JS_NOTE}, exactly as the scenario wrote it. It is code: it runs here with all of this program's access (the playground ran it in a sandbox), so read it before you run this file.${hidden}`)}
const ${fn}: Mock = (
${verbatimCode(mock.source)}
);`;
  }
  const rules = usableRules(mock).map((rule) => `  // Rule ${rule.number}: ${oneLine(rule.label)}\n  if (matches(${js(rule.when, null)}, args)) return ${quoted(rule.result)};`);
  return `// ${oneLine(name, 64)}: rules, the first that matches answers.\n${head}\n${rules.join('\n')}${rules.length ? '\n' : ''}  return ${quoted(mock.default)};\n};`;
}

/** The `Mock` type, the mock functions and `mocks`, the map `runFunction` looks names up in. */
export function typescriptMocks(mocks: MockPlan[]): string {
  const defs = mocks.map((plan, i) => typescriptMock(plan, `mock${i}`));
  const table = mocks.map((plan, i) => `\n  [${quoted(plan.name)}, mock${i}],`);
  const helper = mocks.some((plan) => plan.mock.kind === 'rules') ? `${TS_MATCHES}\n` : '';
  return `// The scenario's mock for each function, as plain functions: (arguments, call) => result.
type Mock = (args: any, call: { id: string; name: string; arguments: string }) => unknown;

${helper}${defs.map((def) => `${def}\n\n`).join('')}const mocks = new Map<string, Mock>([${table.join('')}${table.length ? '\n' : ''}]);`;
}

/** One comment line per mock, for the curl script (which runs no function). */
export function curlMockLines(mocks: MockPlan[]): string[] {
  return mocks.map(({ name, mock, given }) => {
    const what =
      mock.kind === 'fixed'
        ? oneLine(mock.result)
        : mock.kind === 'ask'
          ? 'none (in the playground the person types it)'
          : mock.kind === 'javascript'
            ? `${JS_NOTE}, not included here${given.length ? `; it gave ${oneLine(given.at(-1)!)}` : ''}`
            : [...usableRules(mock).map((rule) => `rule ${rule.number} (${oneLine(rule.label, 60)}): ${oneLine(rule.result, 120)}`), `otherwise: ${oneLine(mock.default, 120)}`].join('; ');
    return `#   ${oneLine(name, 64)}: ${what}`;
  });
}
