/**
 * The sequence diagram of a conversation, step by step: built from its data (the entries, the recorded
 * model calls, where it stands), never from the page. Each of the person's messages opens a turn; each
 * model call in it is a request and a response; a response with tool calls is followed by the app
 * running each function and the results going back, then the model is called again. Failed attempts,
 * retries, rejected calls and failed functions are steps of their own, drawn as such. The presenter
 * view steps through these; the step rail shows the last one's place in the guide's four steps.
 */
import { resultEntries } from '@/lib/conversation/extents';
import { declinedResult, initialConversation, wireWithSources, type AssistantEntry, type Entry, type ModelCall, type ToolCallCard } from '@/lib/conversation/state';
import { contentText } from '@/lib/wire/chat-constants';
import type { ChatError } from '@/lib/wire/chat-client';
import type { ChatMessage } from '@/lib/wire/chat';
import { prettyJson, shortLine } from './text';
import * as notes from './notes';
import type { Arrow, ArrowStatus, DemoInput, DemoStep, RailStep } from './types';

/** What a finished function run sent back, as the diagram draws it. */
export function resultStatus(card: ToolCallCard, content: string): ArrowStatus {
  if (card.state === 'rejected' || content === declinedResult(card.name)) return 'rejected';
  // A JavaScript mock that failed is the run's failure (its arrow says so); what went back is what the person typed.
  return notes.resultError(content) === null ? 'done' : 'failed';
}

function responseStatus(entry: AssistantEntry, call: ModelCall | undefined): ArrowStatus {
  if (call?.status === 'failed' || call?.status === 'interrupted') return 'failed';
  if (entry.status === 'streaming') return 'pending';
  if (entry.status === 'stopped' || entry.status === 'incomplete') return 'stopped';
  return 'done';
}

/** The wire form of the messages a request adds to the conversation (the question, or the results). */
function newMessages(entries: readonly Entry[], from: number, to: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const entry of entries.slice(from, to)) {
    if (entry.kind === 'user') out.push({ role: 'user', content: entry.content });
    else if (entry.kind === 'tool') out.push({ role: 'tool', tool_call_id: entry.toolCallId, content: entry.content });
    else if (entry.kind === 'other') out.push(entry.message);
  }
  return out;
}

export function demoSteps(input: DemoInput): DemoStep[] {
  const { entries, calls } = input;
  const steps: DemoStep[] = [];
  const results = resultEntries(entries);
  const byRequest = new Map(calls.map((call, index) => [call.requestId, { call, index }]));
  const answered = new Set(entries.flatMap((entry) => (entry.kind === 'assistant' && entry.requestId ? [entry.requestId] : [])));
  let turn = 0;
  /** The rail step of the next request: 4 once a result of this turn went back. */
  let nextRequestRail: RailStep = 1;
  /** Where the previous request's messages ended (what the next one adds starts here). */
  let sentUpTo = 0;
  /** Calls before this index have been drawn (or passed over). */
  let callCursor = 0;
  /** How many wire messages the entries before each index make (once, not per step: conversations get long). */
  const sentBefore = new Array<number>(entries.length + 1).fill(0);
  for (const source of wireWithSources({ ...initialConversation, entries: [...entries] }).sources) sentBefore[source + 1] += 1;
  for (let i = 1; i <= entries.length; i += 1) sentBefore[i] += sentBefore[i - 1];
  const toolNames = input.tools.map((tool) => tool.function.name);
  const toolNameSet = new Set(toolNames);

  const push = (step: Omit<DemoStep, 'turn' | 'parallel'> & { parallel?: boolean }) =>
    steps.push({ parallel: false, ...step, turn: Math.max(turn, 1) });

  const request = (id: string, visible: number, call: ModelCall | undefined, retry: boolean, status: ArrowStatus) => {
    const added = newMessages(entries, sentUpTo, visible);
    const model = call?.body.model ?? input.model;
    const messageCount = call ? call.body.messages.length : messagesSentAt(visible);
    const toolCount = call ? (call.body.tools?.length ?? 0) : toolNames.length;
    const rail = nextRequestRail;
    const label = `${retry ? 'Retry: ' : ''}${messageCount} ${messageCount === 1 ? 'message' : 'messages'}, ${toolCount} ${toolCount === 1 ? 'tool' : 'tools'}`;
    push({
      id: `${id}:request`,
      rail,
      title: rail === 4 ? 'Call the model again' : 'Call the model',
      arrows: [
        {
          id: `${id}:request`,
          from: 'app',
          to: 'model',
          kind: 'request',
          label,
          detail: prettyJson({ model, tools: call ? (call.body.tools ?? []).map((tool) => tool.function.name) : toolNames, messages: added }),
          status,
          retry,
          requestId: call?.requestId ?? null,
        },
      ],
      visibleEntries: visible,
      arrives: null,
      notes: notes.requestNotes({ rail, model, messageCount, toolCount, added, retry, pending: status === 'pending' }),
    });
  };

  /** A call that left no reply; `call` null: a failure restored with nothing recorded of its call. */
  const failedAttempt = (call: ModelCall | null, visible: number, retry: boolean, restored?: ChatError) => {
    if (call) request(call.requestId, visible, call, retry, 'done');
    const error: ChatError = call?.error ?? restored ?? { status: null, kind: 'network', message: 'The call did not finish.' };
    const stopped = call?.status === 'stopped';
    const id = call?.requestId ?? `e${visible}:restored`;
    push({
      id: `${id}:failed`,
      rail: nextRequestRail,
      title: stopped ? 'The call was stopped' : 'The call failed',
      arrows: [
        {
          id: `${id}:failed`,
          from: 'model',
          to: 'app',
          kind: 'error',
          label: stopped ? 'Stopped before the reply' : shortLine(error.status && !error.message.includes(String(error.status)) ? `Error ${error.status}: ${error.message}` : error.message),
          detail: error.message,
          status: stopped ? 'stopped' : 'failed',
          retry: false,
          requestId: call?.requestId ?? null,
        },
      ],
      visibleEntries: visible,
      arrives: null,
      notes: notes.failedNotes(error, stopped),
    });
  };

  /** The failed or stopped calls that left no reply, from the cursor up to (not including) `end`. */
  /** How many messages a request made with the first `visible` entries carries (the system prompt first). */
  const messagesSentAt = (visible: number) => (sentBefore[visible] ?? 0) + (input.system.trim() ? 1 : 0);

  /**
   * The failed or stopped calls that left no reply, from the cursor up to (not including) `end`: those
   * sent with the conversation as it stands at `visible` (one made before a cut, or before an edit
   * changed what comes before, is no longer part of it).
   */
  const attemptsBefore = (end: number, visible: number): number => {
    let drawn = 0;
    const count = messagesSentAt(visible);
    for (; callCursor < end; callCursor += 1) {
      const call = calls[callCursor];
      if (answered.has(call.requestId) || call.status === 'done' || call.status === 'streaming') continue;
      if (call.body.messages.length !== count) continue;
      failedAttempt(call, visible, drawn > 0);
      drawn += 1;
    }
    return drawn;
  };

  entries.forEach((entry, index) => {
    if (entry.kind === 'user') {
      turn += 1;
      nextRequestRail = 1;
      const text = contentText(entry.content);
      push({
        id: `${entry.key}:question`,
        rail: 1,
        title: 'The person asks',
        arrows: [{ id: `${entry.key}:question`, from: 'person', to: 'app', kind: 'question', label: shortLine(`“${text}”`), detail: text, status: 'done', retry: false, requestId: null }],
        visibleEntries: index + 1,
        arrives: null,
        notes: notes.questionNotes(text, toolNames),
      });
      return;
    }
    if (entry.kind !== 'assistant') return;
    const found = entry.requestId ? byRequest.get(entry.requestId) : undefined;
    const retries = found ? attemptsBefore(found.index, index) : 0;
    if (found) callCursor = Math.max(callCursor, found.index + 1);
    request(entry.key, index, found?.call, retries > 0, 'done');
    sentUpTo = index;
    if (entry.toolCalls.length) {
      toolSteps(entry, index, found?.call);
      nextRequestRail = 4;
    } else {
      answerStep(entry, index, found?.call);
    }
  });

  function toolSteps(entry: AssistantEntry, index: number, call: ModelCall | undefined) {
    const status = responseStatus(entry, call);
    const checks = entry.toolCalls.map((card) => (card.state === 'streaming' ? null : input.checkArguments(card.name, card.arguments)));
    const parallel = entry.toolCalls.length > 1;
    push({
      id: `${entry.key}:tool-calls`,
      rail: 2,
      title: 'The model asks for a tool',
      parallel,
      arrows: entry.toolCalls.map((card) => ({
        id: `${card.key}:tool-call`,
        from: 'model',
        to: 'app',
        kind: 'tool-call',
        label: shortLine(`tool_calls: ${card.name}(${card.arguments})`),
        detail: prettyJson(card.arguments),
        status: card.state === 'streaming' ? 'pending' : card.state === 'incomplete' ? 'stopped' : status,
        retry: false,
        requestId: call?.requestId ?? entry.requestId,
      })),
      visibleEntries: index + 1,
      arrives: index,
      notes: notes.toolCallNotes(entry, checks, toolNameSet, call?.body.model ?? input.model),
    });
    if (status === 'pending' || entry.status !== 'done') return;
    const runnable = entry.toolCalls.filter((card) => card.state !== 'incomplete');
    const answeredCards = runnable.filter((card) => results.has(card.key));
    const resultAt = (card: ToolCallCard) => results.get(card.key)!;
    const ran = answeredCards.filter((card) => card.state === 'approved');
    const shownAfterRun = ran.length ? index + 1 : Math.max(index + 1, ...answeredCards.map((card) => resultAt(card) + 1));
    push({
      id: `${entry.key}:run`,
      rail: 3,
      title: runnable.length > 1 ? 'Run the functions' : 'Run the function',
      parallel,
      arrows: runnable.map((card) => ({
        id: `${card.key}:run`,
        from: 'app',
        to: 'tool',
        kind: 'run',
        label:
          card.state === 'rejected'
            ? `${card.name}: declined, not run`
            : card.state === 'awaiting-result'
              ? `${card.name}: waiting for approval`
              : card.mock?.kind === 'javascript' && card.mock.status === 'failed'
                ? `${card.name}: the function failed`
                : `run ${card.name}`,
        detail: prettyJson(card.arguments),
        status: card.state === 'rejected' ? 'rejected' : card.state === 'awaiting-result' ? 'pending' : card.mock?.kind === 'javascript' && card.mock.status === 'failed' ? 'failed' : 'done',
        retry: false,
        requestId: null,
      })),
      visibleEntries: shownAfterRun,
      arrives: null,
      notes: notes.runNotes(runnable),
    });
    if (!ran.length) return;
    const cards = [...ran].sort((a, b) => resultAt(a) - resultAt(b));
    push({
      id: `${entry.key}:results`,
      rail: 3,
      title: cards.length > 1 ? 'The results come back' : 'The result comes back',
      parallel: cards.length > 1,
      arrows: cards.map((card) => {
        const content = (entries[resultAt(card)] as Extract<Entry, { kind: 'tool' }>).content;
        const failed = resultStatus(card, content) === 'failed';
        return {
          id: `${card.key}:result`,
          from: 'tool',
          to: 'app',
          kind: 'result',
          label: shortLine(`${card.name} → ${failed ? `error: ${notes.resultError(content) ?? content}` : content}`),
          detail: prettyJson(content),
          status: failed ? 'failed' : 'done',
          retry: false,
          requestId: null,
        } satisfies Arrow;
      }),
      visibleEntries: Math.max(...answeredCards.map((card) => resultAt(card) + 1)),
      arrives: null,
      notes: notes.resultNotes(cards.map((card) => ({ card, content: (entries[resultAt(card)] as Extract<Entry, { kind: 'tool' }>).content })), entry.toolCalls.length),
    });
  }

  function answerStep(entry: AssistantEntry, index: number, call: ModelCall | undefined) {
    const status = responseStatus(entry, call);
    const text = entry.content ?? entry.refusal ?? '';
    const label = status === 'pending' && !text ? 'Waiting for the reply…' : shortLine(entry.refusal && !entry.content ? `Refusal: “${entry.refusal}”` : `“${text}”`);
    const errorText = status === 'failed' ? (call?.error?.message ?? 'The reply was cut off.') : null;
    push({
      id: `${entry.key}:answer`,
      rail: nextRequestRail,
      title: status === 'failed' ? 'The reply failed' : 'The model answers',
      arrows: [
        { id: `${entry.key}:answer`, from: 'model', to: 'app', kind: 'answer', label: errorText ? shortLine(errorText) : label, detail: text || errorText, status, retry: false, requestId: call?.requestId ?? entry.requestId },
        ...(status === 'done' || status === 'stopped'
          ? [{ id: `${entry.key}:shown`, from: 'app', to: 'person', kind: 'shown', label: 'Shows the answer', detail: null, status, retry: false, requestId: null } satisfies Arrow]
          : []),
      ],
      visibleEntries: index + 1,
      arrives: index,
      notes: notes.answerNotes(entry, call, turnResults(index), errorText),
    });
  }

  /** The results that went back earlier in the turn that ends at `index`. */
  function turnResults(index: number): string[] {
    const out: string[] = [];
    for (let at = index - 1; at >= 0 && entries[at].kind !== 'user'; at -= 1) {
      const entry = entries[at];
      if (entry.kind === 'tool') out.unshift(entry.content);
    }
    return out;
  }

  // After the last reply: calls that failed or were stopped with nothing kept, then a call about to start.
  const before = steps.length;
  const retries = attemptsBefore(calls.length, entries.length);
  if (input.failure && input.failure.requestId === null) failedAttempt(null, entries.length, retries > 0, input.failure.error);
  if (input.pendingCall) request(`e${entries.length}:due`, entries.length, undefined, steps.length > before, 'pending');
  return steps;
}
