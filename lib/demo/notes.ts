/**
 * What each step of the diagram says, in plain words, taken from what happened: the model and what
 * it was sent, the calls it asked for and their check against the schema, where each result came
 * from, what went back, and which of the results' values the answer uses.
 */
import type { AssistantEntry, ModelCall, ToolCallCard } from '@/lib/conversation/state';
import type { ArgumentsCheck } from '@/lib/tools/arguments';
import type { ChatError } from '@/lib/wire/chat-client';
import type { ChatMessage } from '@/lib/wire/chat';
import { isRecord } from '@/lib/util/json';
import { plural, wordList } from '@/lib/util/words';
import { shortLine } from './text';
import type { RailStep } from './types';

/** The error a function reported in its result (`{"error": …}`), or null when it reported none. */
export function resultError(content: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || !('error' in parsed) || parsed.error == null || parsed.error === false || parsed.error === '') return null;
  const { error } = parsed;
  if (typeof error === 'string') return error;
  if (isRecord(error) && typeof error.message === 'string') return error.message;
  return JSON.stringify(error);
}

export function questionNotes(text: string, tools: readonly string[]): string[] {
  return [
    `The person asks: “${shortLine(text, 160)}”`,
    tools.length
      ? `The app will send it to the model with the definitions of ${plural(tools.length, 'tool')} (${wordList(tools)}): their names, descriptions and parameters. The model reads them; it cannot run them.`
      : 'This scenario defines no tools, so the model can only answer in words.',
  ];
}

export function requestNotes(r: {
  rail: RailStep;
  model: string;
  messageCount: number;
  toolCount: number;
  added: readonly ChatMessage[];
  retry: boolean;
  pending: boolean;
}): string[] {
  const out: string[] = [];
  const results = r.added.filter((message) => message.role === 'tool').length;
  if (r.rail === 4) {
    out.push(
      `The app calls ${r.model} again with the whole conversation (${plural(r.messageCount, 'message')}), now ending with ${results === 1 ? 'the tool result' : `${plural(results, 'tool result')}`}: each is a “tool” message whose tool_call_id names the call it answers.`,
      'From the result the model can now answer the person, or ask for another tool.',
    );
  } else {
    out.push(
      `The app calls ${r.model} with ${plural(r.messageCount, 'message')} and ${plural(r.toolCount, 'tool definition')}.`,
      r.toolCount ? 'The model decides whether to answer in words or to ask the app to call one of the tools.' : 'With no tools, it can only answer in words.',
    );
  }
  if (r.retry) out.push('This is a retry: the same messages again, after the call before it failed.');
  if (r.pending) out.push('The call is about to start.');
  return out;
}

export function failedNotes(error: ChatError, stopped: boolean): string[] {
  if (stopped) return ['The person stopped the call before the model replied.', 'The conversation is as it was: the call can be made again.'];
  return [
    `The call failed${error.status ? ` with status ${error.status}` : ''}: ${shortLine(error.message, 240)}`,
    'Nothing of the conversation is lost: a retry sends the same messages again.',
  ];
}

export function toolCallNotes(entry: AssistantEntry, checks: ReadonlyArray<ArgumentsCheck | null>, tools: ReadonlySet<string>, model: string): string[] {
  const names = entry.toolCalls.map((card) => card.name || 'a tool');
  if (entry.status === 'streaming') return [`${model} is answering with ${plural(names.length, 'tool call')}: ${wordList(names)}…`];
  const out = [
    `Instead of answering, ${model} replied with finish_reason “${entry.finishReason ?? 'tool_calls'}” and ${names.length === 1 ? 'one tool call' : plural(names.length, 'tool call')}: ${wordList(names)}.`,
  ];
  if (entry.content) out.push(`It also wrote: “${shortLine(entry.content, 160)}”`);
  if (names.length > 1) out.push('These are parallel tool calls: the app can run them at the same time, and each result goes back with its own call id.');
  out.push("The arguments are JSON the model wrote: its guess at what the function needs, which can be wrong or made up. So the app checks them against the tool's schema before running anything.");
  entry.toolCalls.forEach((card, index) => {
    const check = checks[index];
    if (card.state === 'incomplete') out.push(`${card.name || 'A call'}: cut off before its arguments were complete, so it cannot run.`);
    else if (!tools.has(card.name)) out.push(`${card.name || 'A call'}: ✗ the model named a tool that is not defined.`);
    else if (!check) out.push(`${card.name}: the check is still loading.`);
    else out.push(`${card.name}: ${check.ok ? '✓' : '✗'} ${check.summary}.`);
  });
  return out;
}

function resultSource(card: ToolCallCard): string {
  const mock = card.mock;
  if (!mock) return 'the result was typed by the person';
  if (mock.kind === 'fixed') return "the result is the mock's fixed result";
  if (mock.kind === 'rule') return `the mock's rule “${shortLine(mock.label, 60)}” gave the result`;
  if (mock.kind === 'default') return "no rule of the mock matched, so its default result went back";
  if (mock.status === 'failed') return `the JavaScript mock failed (${shortLine(mock.error, 120)}), so the result was typed by the person`;
  return 'the JavaScript mock computed the result';
}

export function runNotes(cards: readonly ToolCallCard[]): string[] {
  const out = ['The model cannot run anything: the app runs each function itself, with the arguments as the model gave them.'];
  for (const card of cards) {
    if (card.state === 'rejected') out.push(`${card.name}: the person declined it, so it did not run. The app sends back an error saying so, and the model has to answer without it.`);
    else if (card.state === 'awaiting-result') out.push(`${card.name}: waiting for the person to approve the call (or reject it).`);
    else out.push(`${card.name}: approved by the person; ${resultSource(card)}.`);
  }
  return out;
}

export function resultNotes(items: ReadonlyArray<{ card: ToolCallCard; content: string }>, callCount: number): string[] {
  const out = items.map(({ card, content }) => {
    // What went back: after a JavaScript mock failed, the result the person typed (the run step tells of the failure).
    const error = resultError(content);
    return error
      ? `${card.name} reported an error: ${shortLine(error, 160)}. The error goes back as the result, so the model can tell the person.`
      : `${card.name} returned ${shortLine(content, 160)}`;
  });
  const waiting = callCount - items.length;
  out.push(
    waiting > 0
      ? `${plural(waiting, 'call')} of this reply still ${waiting === 1 ? 'waits' : 'wait'} for a result: the model is called again once every call is answered.`
      : 'Next, the app sends the results back to the model, each as a “tool” message.',
  );
  return out;
}

/** The results' plain values (strings and numbers) that appear in the answer, at most five (each once). */
export function valuesUsed(results: readonly string[], answer: string): string[] {
  const text = answer.toLowerCase();
  const found: string[] = [];
  const add = (shown: string) => {
    if (!found.includes(shown)) found.push(shown);
  };
  const visit = (value: unknown, depth: number) => {
    if (found.length >= 5 || depth > 8) return;
    if (typeof value === 'number' && Number.isFinite(value)) {
      // Not inside another number: no digit or point before it, no digit or decimal part after it (a full stop may end the sentence).
      if (new RegExp(`(^|[^0-9.])${String(value).replace(/[.+]/g, '\\$&')}(?!\\.?[0-9])`).test(text)) add(String(value));
    } else if (typeof value === 'string') {
      if (value.length >= 2 && value.length <= 60 && text.includes(value.toLowerCase())) add(`“${value}”`);
    } else if (Array.isArray(value)) value.forEach((item) => visit(item, depth + 1));
    else if (isRecord(value)) Object.values(value).forEach((item) => visit(item, depth + 1));
  };
  for (const result of results) {
    try {
      visit(JSON.parse(result), 0);
    } catch {
      visit(result, 0);
    }
  }
  return found;
}

export function answerNotes(entry: AssistantEntry, call: ModelCall | undefined, results: readonly string[], errorText: string | null): string[] {
  if (errorText) return [`The reply failed: ${shortLine(errorText, 240)}`, 'Whatever arrived is kept; a retry asks again.'];
  if (entry.status === 'streaming') return ['The model is writing its answer…'];
  const out: string[] = [];
  if (entry.refusal && !entry.content) out.push(`The model refused: “${shortLine(entry.refusal, 160)}”`);
  else if (results.length) {
    out.push(`The model answered in words (finish_reason “${entry.finishReason ?? 'stop'}”), from ${results.length === 1 ? 'the result' : `the ${results.length} results`} it was sent.`);
    const used = valuesUsed(results, entry.content ?? '');
    out.push(used.length ? `It uses ${wordList(used)} from ${results.length === 1 ? 'the result' : 'the results'}.` : "None of the results' values appear word for word in the answer.");
  } else out.push(`The model answered in words without asking for a tool (finish_reason “${entry.finishReason ?? 'stop'}”).`);
  if (entry.status === 'stopped') out.push('The reply was stopped before it ended.');
  if (entry.status === 'incomplete') out.push('The reply was cut off before it ended.');
  if (call?.usage) out.push(`This call used ${call.usage.prompt_tokens} tokens in and ${call.usage.completion_tokens} out${call.finishedAt != null ? `, in ${Math.round(call.finishedAt - call.startedAt)} ms` : ''}.`);
  out.push('The app shows the answer to the person.');
  return out;
}
