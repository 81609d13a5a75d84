/**
 * A model column's latest turn, for its header: the tool calls it made since the person's last
 * message, the model calls of that turn (from the inspector's records) with their latency, tokens and
 * cost, and a verdict of the calls' argument checks. Pure: the checks are passed in.
 */
import type { ConversationState, ModelCall, ToolCallCard } from '@/lib/conversation/state';
import { turnAt } from '@/lib/conversation/turns';
import { callCost } from '@/lib/pricing/cost';
import type { ArgumentsCheck } from '@/lib/tools/arguments';

export type TurnCost = { kind: 'free' } | { kind: 'unknown' } | { kind: 'priced'; usd: number };

export interface TurnSummary {
  /** The turn's finished tool calls, in the order made. */
  calls: ToolCallCard[];
  /** The turn's final answer; null until it has come (the matcher then counts "answer mentions" as pending). */
  answer: string | null;
  /** The turn's model calls, oldest first. */
  modelCalls: ModelCall[];
  /** A model call of the turn is still streaming. */
  streaming: boolean;
  /** From the first request of the turn to its first token; null before (or without) one. */
  firstTokenMs: number | null;
  /** The time the turn spent in model calls (the person's time answering calls between them does not count). */
  totalMs: number | null;
  /** Tokens of the turn's calls as reported; null when none reported usage. */
  tokens: number | null;
  cost: TurnCost;
}

const userCount = (messages: ReadonlyArray<{ role: string }>) => messages.filter((message) => message.role === 'user').length;

export function latestTurn(state: ConversationState): TurnSummary {
  let lastUser = -1;
  state.entries.forEach((entry, index) => {
    if (entry.kind === 'user') lastUser = index;
  });
  const users = state.entries.filter((entry) => entry.kind === 'user').length;
  const turn = turnAt(state.entries, lastUser);
  const calls = turn.cards;
  const answer = turn.answer;
  // A model call belongs to the turn whose user messages it sent.
  const modelCalls = users ? state.calls.filter((call) => userCount(call.body.messages) === users) : [];
  const first = modelCalls[0];
  const finished = modelCalls.filter((call) => call.finishedAt !== null);
  const reported = modelCalls.filter((call) => call.usage);
  let cost: TurnCost = { kind: 'free' };
  for (const call of modelCalls) {
    const one = callCost(call.body.model, call.usage);
    if (one.kind === 'unknown') cost = { kind: 'unknown' };
    else if (one.kind === 'priced' && cost.kind !== 'unknown') cost = { kind: 'priced', usd: (cost.kind === 'priced' ? cost.usd : 0) + one.usd };
  }
  return {
    calls,
    answer,
    modelCalls,
    streaming: modelCalls.some((call) => call.status === 'streaming'),
    firstTokenMs: first?.firstTokenAt != null ? first.firstTokenAt - first.startedAt : null,
    totalMs: finished.length ? finished.reduce((sum, call) => sum + (call.finishedAt! - call.startedAt), 0) : null,
    tokens: reported.length ? reported.reduce((sum, call) => sum + call.usage!.total_tokens, 0) : null,
    cost: modelCalls.length ? cost : { kind: 'unknown' },
  };
}

export type ChecksVerdict =
  | { kind: 'no-calls' }
  | { kind: 'checking' }
  | { kind: 'pass'; total: number }
  | { kind: 'fail'; total: number; failed: Array<{ name: string; problems: string[] }> };

/** The calls' argument checks in one verdict: `check` is null while the schema checks have not loaded. */
export function checksVerdict(calls: readonly ToolCallCard[], check: (call: ToolCallCard) => ArgumentsCheck | null): ChecksVerdict {
  if (!calls.length) return { kind: 'no-calls' };
  const failed: Array<{ name: string; problems: string[] }> = [];
  for (const call of calls) {
    const result = check(call);
    if (!result) return { kind: 'checking' };
    if (!result.ok) failed.push({ name: call.name, problems: result.problems });
  }
  return failed.length ? { kind: 'fail', total: calls.length, failed } : { kind: 'pass', total: calls.length };
}

/** How many user messages the conversation has: the latest turn's place, the same in every column. */
export function turnNumber(state: ConversationState): number {
  return state.entries.filter((entry) => entry.kind === 'user').length;
}
