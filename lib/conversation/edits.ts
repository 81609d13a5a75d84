/**
 * The conversation as a workbench: the person's own changes to it, as named events of the reducer
 * (reducer.ts hands them here). Every one is refused (the state comes back unchanged) while a reply
 * streams: Stop first. Undo is the store's (it keeps the state before each change and puts it back
 * with `undone`).
 *
 *  - Edit: a user, system or developer message, an assistant's text, a tool call's arguments, a tool
 *    result. What is edited is what later requests send; the inspector keeps what really went and came.
 *  - Delete: a message; an assistant message takes its calls' results with it; a tool call goes with
 *    its result (and a result with its call: a result without its call, or a call without its result,
 *    is a request the provider refuses). An assistant message left with neither text nor calls goes too.
 *  - Run from here: the conversation cut after a message (an assistant message keeps its calls'
 *    results, which belong to it), then the model is called.
 *  - Regenerate: the same request again (the messages before that answer); the old answer and what
 *    followed it are kept as a version of the branch there (branches.ts), "Run from here" on the message
 *    just before a branch adds a version to it in the same way, so no answer kept aside is lost by it.
 *  - Show another answer of a branch ("‹ 2 / 3 ›").
 *  - Fork: the conversation up to a message (with that message's results), as a copy's conversation.
 *  - Cut (a replay going live): the conversation up to a point; the calls whose results it drops wait
 *    for a result again (the one they had stays in their editor), and the model is called when asked.
 *  - Expectations: what a user turn should produce, set on its message (so the changes above carry it).
 */
import { contentText } from '@/lib/wire/chat-constants';
import type { TurnExpectation } from '@/lib/evaluate/types';
import { branchesAfterRemoval, branchesWithin, keepTailAsVersion, showVersion } from './branches';
import { cutTo, forkedCopy } from './cuts';
import { messageExtent, resultEntries } from './extents';
import { declinedResult, type AssistantEntry, type ConversationState, type Entry, type ToolCallCard } from './state';

export { foldedResults, messageExtent, resultEntries } from './extents';

export type EditEvent =
  /** A user, system/developer or tool message, or an assistant's text. */
  | { type: 'messageEdited'; key: string; text: string }
  | { type: 'callArgumentsEdited'; callKey: string; text: string }
  /** The result of an answered call (its tool message). */
  | { type: 'callResultEdited'; callKey: string; text: string }
  | { type: 'messageDeleted'; key: string }
  | { type: 'callDeleted'; callKey: string }
  | { type: 'ranFromHere'; key: string }
  | { type: 'regenerated'; key: string }
  /** The branch at entry `at` shows its version `index` (0-based). */
  | { type: 'answerShown'; at: number; index: number }
  /** The first `count` entries kept; `call`: the model is called from there. */
  | { type: 'cutTo'; count: number; call: boolean }
  /** This conversation becomes its copy up to `key` (applied to the copy, for Fork). */
  | { type: 'forked'; key: string }
  /** A user message's expectations set, or taken off (null). */
  | { type: 'expectationSet'; key: string; expect: TurnExpectation | null }
  /** Back to a state kept before a change (the store's Undo). */
  | { type: 'undone'; to: ConversationState };

export type EditEventType = EditEvent['type'];

export const EDIT_EVENT_TYPES: readonly EditEventType[] = [
  'messageEdited',
  'callArgumentsEdited',
  'callResultEdited',
  'messageDeleted',
  'callDeleted',
  'ranFromHere',
  'regenerated',
  'cutTo',
  'answerShown',
  'forked',
  'expectationSet',
  'undone',
];

export function isEditEvent(event: { type: string }): event is EditEvent {
  return (EDIT_EVENT_TYPES as readonly string[]).includes(event.type);
}

const GONE = 'This message is no longer in the conversation.';

/** Why "Run from here" cannot run from this message, or null when it can. */
export function runFromHereProblem(state: ConversationState, key: string): string | null {
  const entry = state.entries.find((e) => e.key === key);
  return entry ? runProblemOf(entry) : GONE;
}

/** The same, for an entry at hand (the log asks for every message on every render). */
export function runProblemOf(entry: Entry): string | null {
  if (entry.kind === 'assistant' && entry.toolCalls.some((card) => card.state === 'awaiting-result')) {
    return 'Answer its tool calls first: the model needs every result.';
  }
  return null;
}

/** Why this answer cannot be regenerated, or null when it can. */
export function regenerateProblem(state: ConversationState, key: string): string | null {
  const index = state.entries.findIndex((e) => e.key === key);
  return index === -1 ? GONE : regenerateProblemAt(state.entries, index);
}

/** The same, for the entry at `index`. */
export function regenerateProblemAt(entries: readonly Entry[], index: number): string | null {
  if (entries[index]?.kind !== 'assistant') return 'Only an answer of the model can be regenerated.';
  if (index === 0) return 'Nothing comes before this answer to send again.';
  return null;
}

export function applyEdit(state: ConversationState, event: EditEvent): ConversationState {
  if (event.type === 'undone') {
    // Counters only go forward, so no ticket or key is handed out twice.
    return { ...event.to, ticket: Math.max(event.to.ticket, state.ticket), seq: Math.max(event.to.seq, state.seq) };
  }
  if (state.activeRequestId) return state;
  switch (event.type) {
    case 'messageEdited':
      return editMessage(state, event.key, event.text);
    case 'callArgumentsEdited':
      return editCard(state, event.callKey, (card) =>
        card.state === 'streaming' || card.state === 'incomplete' || card.arguments === event.text ? card : { ...card, arguments: event.text },
      );
    case 'callResultEdited':
      return editResult(state, event.callKey, event.text);
    case 'messageDeleted':
      return deleteMessage(state, event.key);
    case 'callDeleted':
      return deleteCall(state, event.callKey);
    case 'ranFromHere': {
      const index = state.entries.findIndex((e) => e.key === event.key);
      if (index === -1 || runFromHereProblem(state, event.key)) return state;
      const end = messageExtent(state.entries, index) + 1;
      const cut = state.branches.some((branch) => branch.at === end)
        ? keepTailAsVersion(state, end)
        : { entries: state.entries.slice(0, end), branches: branchesWithin(state.branches, end) };
      return { ...state, ...cut, failure: null, pendingCall: true, ticket: state.ticket + 1 };
    }
    case 'regenerated': {
      const index = state.entries.findIndex((e) => e.key === event.key);
      if (regenerateProblem(state, event.key)) return state;
      return { ...state, ...keepTailAsVersion(state, index), failure: null, pendingCall: true, ticket: state.ticket + 1 };
    }
    case 'cutTo':
      return cutTo(state, event.count, event.call);
    case 'answerShown': {
      const shown = showVersion(state, event.at, event.index);
      return shown ? { ...state, ...shown, failure: null, pendingCall: false } : state;
    }
    case 'forked':
      return forkedCopy(state, event.key);
    case 'expectationSet':
      return setExpectation(state, event.key, event.expect);
  }
}

/** Same JSON, same expectation: saving the editor untouched changes nothing (and leaves no Undo). */
function setExpectation(state: ConversationState, key: string, expect: TurnExpectation | null): ConversationState {
  const index = state.entries.findIndex((e) => e.key === key);
  const entry = state.entries[index];
  if (entry?.kind !== 'user' || JSON.stringify(entry.expect ?? null) === JSON.stringify(expect)) return state;
  const { expect: _old, ...rest } = entry;
  const entries = [...state.entries];
  entries[index] = expect ? { ...rest, expect } : rest;
  return { ...state, entries };
}

function editMessage(state: ConversationState, key: string, text: string): ConversationState {
  const index = state.entries.findIndex((e) => e.key === key);
  const entry = state.entries[index];
  if (!entry) return state;
  let edited: Entry = entry;
  if (entry.kind === 'user') {
    // Edited as text: a message in parts (text and images) becomes its text.
    if (text.trim() && !(typeof entry.content === 'string' && entry.content === text)) edited = { ...entry, content: text };
  } else if (entry.kind === 'other') {
    if (!(typeof entry.message.content === 'string' && entry.message.content === text)) {
      edited = { ...entry, message: { ...entry.message, content: text } as typeof entry.message };
    }
  } else if (entry.kind === 'assistant') {
    // No text is null (as the model sends it beside tool calls); an answer of nothing at all is a Delete.
    const content = text === '' ? null : text;
    if (content !== entry.content && (content !== null || entry.toolCalls.length > 0 || entry.refusal)) edited = { ...entry, content };
  } else if (entry.content !== text) {
    const callKey = [...resultEntries(state.entries)].find(([, at]) => at === index)?.[0];
    if (callKey) return editResult(state, callKey, text);
    edited = { ...entry, content: text };
  }
  if (edited === entry) return state;
  const entries = [...state.entries];
  entries[index] = edited;
  return { ...state, entries };
}

function findCard(state: ConversationState, callKey: string): { index: number; card: ToolCallCard } | null {
  const index = state.entries.findIndex((e) => e.kind === 'assistant' && e.toolCalls.some((card) => card.key === callKey));
  if (index === -1) return null;
  const card = (state.entries[index] as AssistantEntry).toolCalls.find((c) => c.key === callKey)!;
  return { index, card };
}

function editCard(state: ConversationState, callKey: string, change: (card: ToolCallCard) => ToolCallCard): ConversationState {
  const found = findCard(state, callKey);
  if (!found) return state;
  const card = change(found.card);
  if (card === found.card) return state;
  const owner = state.entries[found.index] as AssistantEntry;
  const entries = [...state.entries];
  entries[found.index] = { ...owner, toolCalls: owner.toolCalls.map((c) => (c.key === callKey ? card : c)) };
  return { ...state, entries };
}

/** An answered call's result: its tool message and its card together (declined again when it reads as the decline). */
function editResult(state: ConversationState, callKey: string, text: string): ConversationState {
  const found = findCard(state, callKey);
  if (!found || (found.card.state !== 'approved' && found.card.state !== 'rejected') || found.card.result === text) return state;
  const at = resultEntries(state.entries).get(callKey);
  const next = editCard(state, callKey, (card) => ({ ...card, result: text, state: text === declinedResult(card.name) ? 'rejected' : 'approved' }));
  if (at === undefined) return next;
  const entries = [...next.entries];
  const tool = entries[at];
  if (tool.kind === 'tool') entries[at] = { ...tool, content: text };
  return { ...next, entries };
}

/** The entries at `removed` taken out (others replaced by `replaced`), the branches after them moved back. */
function without(state: ConversationState, removed: number[], replaced: ReadonlyMap<number, Entry> = new Map()): ConversationState {
  const gone = [...new Set(removed)].sort((a, b) => a - b);
  const entries = state.entries.flatMap((entry, i) => (gone.includes(i) ? [] : [replaced.get(i) ?? entry]));
  return { ...state, entries, branches: branchesAfterRemoval(state.branches, gone) };
}

function deleteMessage(state: ConversationState, key: string): ConversationState {
  const index = state.entries.findIndex((e) => e.key === key);
  const entry = state.entries[index];
  if (!entry) return state;
  const results = resultEntries(state.entries);
  if (entry.kind === 'tool') {
    const callKey = [...results].find(([, at]) => at === index)?.[0];
    if (callKey) return deleteCall(state, callKey);
  }
  const removed = [index];
  if (entry.kind === 'assistant') for (const card of entry.toolCalls) if (results.has(card.key)) removed.push(results.get(card.key)!);
  return without(state, removed);
}

function deleteCall(state: ConversationState, callKey: string): ConversationState {
  const found = findCard(state, callKey);
  if (!found) return state;
  const owner = state.entries[found.index] as AssistantEntry;
  const result = resultEntries(state.entries).get(callKey);
  const removed = result === undefined ? [] : [result];
  const toolCalls = owner.toolCalls.filter((card) => card.key !== callKey);
  if (toolCalls.length === 0 && !owner.content && !owner.refusal) return without(state, [...removed, found.index]);
  // A call taken out of a finished turn with its other calls still answered: nothing is due by itself (Run from here asks).
  return without(state, removed, new Map([[found.index, { ...owner, toolCalls }]]));
}

/** The text a message's editor starts from. */
export function editableText(entry: Entry): string {
  if (entry.kind === 'user') return contentText(entry.content);
  if (entry.kind === 'other') return contentText(entry.message.content);
  if (entry.kind === 'assistant') return entry.content ?? '';
  return entry.content;
}
