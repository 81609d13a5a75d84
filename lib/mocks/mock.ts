/**
 * A function's mock: what the playground offers as a tool call's result before the person approves it.
 * One of four kinds — a fixed result; rules (`when` these arguments, this result; first match wins, a
 * default last); a JavaScript function run in a sandboxed worker (./javascript-runner.ts); or "ask me"
 * (nothing offered). Fixed results and rules are resolved here, synchronously, when a call finishes
 * (the conversation reducer stays pure); a JavaScript mock's result arrives later, as an event.
 */
import { matchingRule, ruleLabel } from './rules';

export interface MockRule {
  /** JSON text of an object: the arguments this rule answers (a partial match, see ./rules.ts). Text, so a half-typed rule is kept. */
  when: string;
  result: string;
}

export type Mock =
  | { kind: 'fixed'; result: string }
  | { kind: 'rules'; rules: MockRule[]; default: string }
  | { kind: 'javascript'; source: string }
  | { kind: 'ask' };

export type RulesMock = Extract<Mock, { kind: 'rules' }>;
export type MockKind = Mock['kind'];
export const MOCK_KINDS: readonly MockKind[] = ['fixed', 'rules', 'javascript', 'ask'];

/** Function name → its mock. */
export type Mocks = Record<string, Mock>;

/** Bounds on a mock, so a link or file cannot make one the page chokes on. */
export const MOCK_LIMITS = { maxRules: 50, maxWhenChars: 10_000, maxSourceChars: 20_000 } as const;

/** Which mock answered a call, for its card; `result` is what it offered (the card says when the person has changed it). */
export type MockAnswer =
  | { kind: 'fixed'; result: string }
  | { kind: 'rule'; index: number; label: string; result: string }
  | { kind: 'default'; result: string }
  | { kind: 'javascript'; status: 'running' }
  | { kind: 'javascript'; status: 'done'; result: string }
  | { kind: 'javascript'; status: 'failed'; error: string };

/** A mock's answer to one call, synchronously: null for "ask me" (or no mock, or an empty fixed one), `running` for JavaScript. */
export function mockAnswer(mock: Mock | undefined, argumentsText: string): MockAnswer | null {
  if (!mock || mock.kind === 'ask') return null;
  if (mock.kind === 'fixed') return mock.result === '' ? null : { kind: 'fixed', result: mock.result };
  if (mock.kind === 'javascript') return { kind: 'javascript', status: 'running' };
  const index = matchingRule(mock.rules, parseArguments(argumentsText));
  if (index === null) return { kind: 'default', result: mock.default };
  return { kind: 'rule', index, label: ruleLabel(mock.rules[index].when), result: mock.rules[index].result };
}

/** The text an answer puts in the Result box ('' while a JavaScript mock runs, or when it failed). */
export function answerText(answer: MockAnswer | null): string {
  return answer && 'result' in answer ? answer.result : '';
}

/** How the card names the answer: "Rule 2: location = Chicago", "Default", "JavaScript mock", "Fixed result". */
export function answerTitle(answer: MockAnswer): string {
  if (answer.kind === 'fixed') return 'Fixed result';
  if (answer.kind === 'default') return 'Default';
  if (answer.kind === 'rule') return `Rule ${answer.index + 1}${answer.label ? `: ${answer.label}` : ''}`;
  return 'JavaScript mock';
}

/** A call's arguments as the rules see them: empty is `{}`; invalid JSON is undefined, which no rule matches (the default answers). */
export function parseArguments(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A fixed mock: the shape every version-1 scenario's mock text becomes. */
export function fixedMock(result: string): Mock {
  return { kind: 'fixed', result };
}
