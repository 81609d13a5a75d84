/**
 * The scenario's test cases as the page edits them: a case made from the open conversation's last
 * user turn, cases added (an import) within the scenario's bound, and each case's expectation in a
 * line of words for the list. Pure functions: the Evaluate panel applies them through the store's
 * `setTestCases`. Not loaded with the page (EVALUATE_LIMITS brings zod); the store uses only the
 * zod-free lib/scenario/evaluation.ts.
 */
import { EVALUATE_LIMITS, type ArgumentExpectation, type TestCase, type TurnExpectation } from '@/lib/evaluate/types';
import type { Scenario, TurnExpectationAt } from '@/lib/scenario/base';
import { contentText } from '@/lib/wire/chat-constants';
import type { ChatMessage } from '@/lib/wire/chat';
import { lastUserIndex } from '@/lib/scenario/evaluation';

export type CaseFromConversation =
  | {
      ok: true;
      testCase: TestCase;
      /** Where the expectation came from: written beside the turn, or the calls the model made in it. */
      expectation: 'written' | 'as-answered';
    }
  | { ok: false; problem: string };

/** A value the way the model sent it, as an `equals` expectation (what JSON.parse gives). */
function argumentsOf(text: string): Record<string, ArgumentExpectation> | null {
  try {
    const value: unknown = JSON.parse(text || '{}');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, { kind: 'equals', value: item }]));
  } catch {
    return null;
  }
}


/** The next free id like `case-3`. */
export function nextCaseId(cases: readonly TestCase[], stem = 'case'): string {
  const taken = new Set(cases.map((c) => c.id));
  for (let n = cases.length + 1; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/**
 * A test case from a conversation: its messages up to its last user turn, and that turn's expectation
 * (`expectations`, by message index). A turn without one expects what the model did in it — the calls it
 * made, each argument as sent, or no call when it answered in words — so that the case at least
 * catches a change; the page says so. A turn not answered yet, without an expectation, cannot be a case.
 */
export function caseFromConversation(
  scenario: Pick<Scenario, 'messages' | 'expectations'>,
  existing: readonly TestCase[],
): CaseFromConversation {
  const { messages } = scenario;
  const at = lastUserIndex(messages);
  if (at === -1) return { ok: false, problem: 'The conversation has no message of yours yet: type one (and send it, or write what it should produce), then add it as a test case.' };
  if (existing.length >= EVALUATE_LIMITS.maxCases) return { ok: false, problem: `The scenario already holds ${EVALUATE_LIMITS.maxCases} test cases, the most it can.` };
  const caseMessages = messages.slice(0, at + 1);
  const id = nextCaseId(existing);
  const written = scenario.expectations?.find((item: TurnExpectationAt) => item.at === at)?.expect;
  if (written) return { ok: true, testCase: { id, messages: caseMessages, expect: written }, expectation: 'written' };
  const reply = messages.slice(at + 1).find((message): message is Extract<ChatMessage, { role: 'assistant' }> => message.role === 'assistant');
  if (!reply) {
    return { ok: false, problem: 'Your last message has not been answered and has no expectation yet: send it, or write what it should produce beside it, then add it.' };
  }
  const calls = [];
  for (const call of reply.tool_calls ?? []) {
    const args = argumentsOf(call.function.arguments);
    if (!args) return { ok: false, problem: `The model's call to ${call.function.name} has arguments that are not a JSON object: write the expectation beside the turn instead.` };
    calls.push({ name: call.function.name, arguments: args });
  }
  return { ok: true, testCase: { id, messages: caseMessages, expect: { calls } }, expectation: 'as-answered' };
}

export interface AddedCases {
  cases: TestCase[];
  added: number;
  /** Cases whose id was already taken: the new one replaced the old. */
  replaced: number;
  /** Cases left out, each with why. */
  skipped: string[];
}

/** New cases into the list: a case with a taken id replaces that one; past the bound the rest are left out. */
export function addCases(existing: readonly TestCase[], incoming: readonly TestCase[]): AddedCases {
  const cases = [...existing];
  const index = new Map(cases.map((c, i) => [c.id, i]));
  let added = 0;
  let replaced = 0;
  const skipped: string[] = [];
  for (const testCase of incoming) {
    const at = index.get(testCase.id);
    if (at !== undefined) {
      cases[at] = testCase;
      replaced++;
    } else if (cases.length >= EVALUATE_LIMITS.maxCases) {
      skipped.push(`${testCase.id}: the scenario holds at most ${EVALUATE_LIMITS.maxCases} test cases.`);
    } else {
      index.set(testCase.id, cases.length);
      cases.push(testCase);
      added++;
    }
  }
  return { cases, added, replaced, skipped };
}

const MAX_VALUE_CHARS = 40;

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function describeArgument(name: string, expectation: ArgumentExpectation): string {
  const optional = 'optional' in expectation && expectation.optional ? '?' : '';
  switch (expectation.kind) {
    case 'equals':
      return `${name}${optional} = ${shortJson(expectation.value)}`;
    case 'one_of':
      return expectation.values.length === 1 ? `${name}${optional} = ${shortJson(expectation.values[0])}` : `${name}${optional} ∈ {${expectation.values.map(shortJson).join(', ')}}`;
    case 'regex':
      return `${name}${optional} ~ /${expectation.pattern}/`;
    case 'schema':
      return `${name}${optional} matches a schema`;
    case 'any':
      return `${name}${optional}: any`;
    case 'absent':
      return `no ${name}`;
  }
}

/** One line for the list: `get_weather(city = "Paris"), then the answer mentions "20"`. */
export function describeExpectation(expect: TurnExpectation, names: Readonly<Record<string, string>> = {}): string {
  const calls = expect.calls.map((call) => {
    const shown = Object.hasOwn(names, call.name) ? names[call.name] : call.name;
    return `${shown}(${Object.entries(call.arguments).map(([name, item]) => describeArgument(name, item)).join(', ')})`;
  });
  const parts = [calls.length ? calls.join(' + ') : 'no tool call'];
  if (expect.answer_mentions?.length) parts.push(`the answer mentions ${expect.answer_mentions.map((m) => JSON.stringify(m)).join(', ')}`);
  return parts.join(', then ');
}

/** The user message under test, as text. */
export function caseQuestion(testCase: TestCase): string {
  const at = lastUserIndex(testCase.messages);
  return at === -1 ? '' : contentText(testCase.messages[at].content);
}
