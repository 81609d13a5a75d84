/**
 * The next assistant turn, decided by rules: tool calls chosen under `tool_choice` and
 * `parallel_tool_calls`, an answer from tool results, or a plain-text reply. Shared by the plain and the
 * streamed completion so both say exactly the same thing.
 */
import type { ChatRequest, FinishReason, Tool } from '@/lib/wire/chat';
import { CARELESS_SIMULATOR_ID } from '@/lib/wire/models';
import { answerFromResults, noMatchReply, noMessageReply, noToolsReply, toolsOffReply } from './answer';
import { argumentSets } from './calls';
import { CUT_SHORT_NOTE, withinBudget } from './budget';
import { carelessCalls, type MistakeName } from './careless';
import { notesOf, type Filled } from './context';
import { checkRequest, currentTurn, type Turn } from './conversation';
import { readFacts, type Facts } from './facts';
import { relatedTools } from './relevance';
import { structuredAnswer } from './structured-answer';

export interface PlannedCall {
  name: string;
  arguments: string;
}

export interface Reply {
  content: string | null;
  calls: PlannedCall[];
  finishReason: FinishReason;
  /** The careless persona's mistake in these calls, if it made one. */
  mistake?: MistakeName;
  /** The content is JSON for `response_format` (streamed in pieces, not word groups). */
  json?: boolean;
}

/** Throws `SimulatorRequestError` for a request the real API would refuse. */
export function planReply(request: ChatRequest): Reply {
  checkRequest(request);
  const tools = request.tools ?? [];
  const choice = request.tool_choice ?? (tools.length ? 'auto' : 'none');
  const turn = currentTurn(request.messages);
  const forced = choice === 'required' || typeof choice === 'object';
  // After tool results the model answers, unless tool_choice forces another call (as it does upstream),
  // or parallel calls are off and the message asked for more calls than it has made (one per turn).
  if (turn.kind === 'results' && !forced) {
    const next = choice === 'none' || request.parallel_tool_calls !== false ? null : nextSequentialCall(request, turn.text, turn.calls.length);
    return next ?? text(answerFromResults(turn.calls, turn.results), request, turn);
  }
  if (!turn.text.trim() && !forced) return text(noMessageReply(), request, turn);

  const facts = readFacts(turn.text);
  const related = relatedTools(tools, facts.concepts);
  if (choice === 'none') return text(tools.length ? toolsOffReply(turn.text, related) : noToolsReply(turn.text), request, turn);

  let chosen: Tool[];
  if (typeof choice === 'object') chosen = tools.filter((tool) => tool.function.name === choice.function.name).slice(0, 1);
  else chosen = related.length ? related : choice === 'required' ? tools.slice(0, 1) : [];
  if (!chosen.length) return text(noMatchReply(turn.text, tools), request, turn);

  const parallel = request.parallel_tool_calls !== false && typeof choice !== 'object';
  // With parallel calls off the first of the planned calls goes now, the others after its result.
  const planned = planCalls(chosen, facts, typeof choice !== 'object');
  return callReply(request, facts, parallel ? planned : { ...planned, all: planned.all.slice(0, 1) });
}

interface Planned {
  all: Array<{ name: string; args: Filled }>;
  cutShort: boolean;
}

/** Every call the message asks of the chosen tools (one per listed place when `expandLists`). */
function planCalls(chosen: readonly Tool[], facts: Facts, expandLists: boolean): Planned {
  const { result: all, cutShort } = withinBudget(() =>
    chosen.flatMap((tool) => argumentSets(tool, facts, expandLists, chosen.length === 1).map((args) => ({ name: tool.function.name, args }))),
  );
  return { all, cutShort };
}

/** The call due after `made` calls of the round were answered one per turn, or null when all were made. */
function nextSequentialCall(request: ChatRequest, userText: string, made: number): Reply | null {
  const facts = readFacts(userText);
  const related = relatedTools(request.tools ?? [], facts.concepts);
  if (!related.length) return null;
  const planned = planCalls(related, facts, true);
  // Counted, not compared: the careless persona's calls differ from the plan, and must not repeat forever.
  if (made >= planned.all.length) return null;
  return callReply(request, facts, { ...planned, all: planned.all.slice(made, made + 1) });
}

function callReply(request: ChatRequest, facts: Facts, { all, cutShort }: Planned): Reply {
  // What the arguments could not meet (a pattern, the budget) or did not check is said beside the calls.
  const notes = [...(notesOf(all.map(({ args }) => args)) ?? []), ...(cutShort ? [CUT_SHORT_NOTE] : [])];
  const content = notes.length ? `(Offline simulator) ${notes.join(' ')}` : null;
  const planned = all.map(({ name, args }) => ({ name, args: args.value }));
  if (request.model === CARELESS_SIMULATOR_ID) {
    // The persona's own refills (another function's arguments) run under a budget of their own.
    const { calls, mistake } = withinBudget(() => carelessCalls(request, planned, facts)).result;
    return { content, calls: calls.map(toPlanned), finishReason: 'tool_calls', ...(mistake ? { mistake } : {}) };
  }
  return { content, calls: planned.map(toPlanned), finishReason: 'tool_calls' };
}

function toPlanned(call: { name: string; args: unknown }): PlannedCall {
  return { name: call.name, arguments: JSON.stringify(call.args) };
}

/**
 * A text reply — as JSON when `response_format` asks for it (./structured-answer.ts) — cut at the first
 * stop sequence or at `max_tokens` like a model's would be (so a cut JSON answer is not JSON, as upstream).
 */
function text(sentence: string, request: ChatRequest, turn: Turn): Reply {
  const grounds = turn.kind === 'results' ? turn : { text: turn.text, calls: [], results: new Map<string, string>() };
  const json = structuredAnswer(request.response_format, sentence, grounds);
  let content = json ?? sentence;
  let finishReason: FinishReason = 'stop';
  const stops = typeof request.stop === 'string' ? [request.stop] : (request.stop ?? []);
  for (const stop of stops) {
    const at = stop ? content.indexOf(stop) : -1;
    if (at >= 0) content = content.slice(0, at);
  }
  const limit = request.max_completion_tokens ?? request.max_tokens;
  if (limit !== undefined && estimateTokens(content) > limit) {
    content = content.slice(0, limit * CHARS_PER_TOKEN);
    finishReason = 'length';
  }
  return { content, calls: [], finishReason, ...(json !== null ? { json: true } : {}) };
}

const CHARS_PER_TOKEN = 4;

/** A rough, deterministic token count: about four characters a token, as for English with GPT tokenizers. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}
