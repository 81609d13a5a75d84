/**
 * Runs test cases on models and scores them: the one evaluation the page and the command line share.
 *
 * Each model works through the cases with at most `concurrency` model calls in flight; the models run
 * side by side. A case sends its messages (after the scenario's system prompt) with its own tools or
 * the scenario's, and the scenario's tool settings; the first assistant turn's calls are matched
 * against the case's expectation (match.ts). A case with `answer_mentions` goes on to its final answer:
 * the calls are answered by the scenario's mocks (fixed and rules here; JavaScript through the injected
 * `runMock`) and the model is called again, at most MAX_ROUNDS times in all.
 *
 * A 429 is waited out (its Retry-After, capped at MAX_RETRY_WAIT_MS; at most MAX_TRIES tries); any
 * other failure makes the case an error: recorded, neither passed nor failed. The signal aborts what is
 * in flight; the scorecard then says `cancelled` and holds only the cases that finished.
 */
import type { RunSettings } from './run-settings';
import { buildChatRequest } from '@/lib/wire/chat-client';
import type { ChatMessage, ToolCall, Usage } from '@/lib/wire/chat';
import { LIMITS } from '@/lib/wire/chat-constants';
import { callCost } from '@/lib/pricing/cost';
import { own } from '@/lib/util/json';
import { EVALUATE_LIMITS, type CaseResult, type Scorecard, type TestCase } from './types';
import type { Complete, CompletionOutcome } from './complete';
import { matchTurn, parseArguments, prepareMatcher } from './match';
import { answerCall, CaseError, type RunMock, type RunTool } from './answer-calls';
import { summarizeModel } from './scorecard';

export type { Complete, CompletionOutcome } from './complete';
export type { RunMock } from './answer-calls';

/** Model calls one case may make: the first turn and the rounds after its results. */
export const MAX_ROUNDS = 8;
/** Tries of one model call that keeps answering 429, and the longest wait between them. */
export const MAX_TRIES = 4;
export const MAX_RETRY_WAIT_MS = 60_000;
/** Characters of one message kept in a case's conversation (a result can be long). */
const MAX_KEPT_CHARS = 20_000;

export interface EvaluationProgress {
  total: number;
  models: Array<{ model: string; done: number; passed: number; failed: number; errors: number }>;
}

export interface EvaluateOptions {
  cases: TestCase[];
  models: string[];
  scenario: RunSettings;
  concurrency: number;
  complete: Complete;
  signal?: AbortSignal;
  onProgress?: (progress: EvaluationProgress) => void;
  onCase?: (model: string, result: CaseResult) => void;
  /** ms clock for `ran_at` (default Date.now). */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  runMock?: RunMock;
  /** Answers calls by running them for real where it returns a run (MCP tools on their servers); mocks otherwise. */
  runTool?: RunTool;
}

/** Thrown inside a case when the evaluation is cancelled: the case is dropped, not recorded. */
class Cancelled extends Error {}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export async function evaluate(options: EvaluateOptions): Promise<Scorecard> {
  const { cases, models, signal } = options;
  const now = options.now ?? Date.now;
  const ranAt = new Date(now()).toISOString();
  const concurrency = Math.max(1, Math.min(EVALUATE_LIMITS.maxConcurrency, Math.floor(options.concurrency) || 1));
  await prepareMatcher();
  const results = models.map(() => new Array<CaseResult | undefined>(cases.length));
  const progress: EvaluationProgress = { total: cases.length, models: models.map((model) => ({ model, done: 0, passed: 0, failed: 0, errors: 0 })) };

  const runModel = async (m: number) => {
    let next = 0;
    const worker = async () => {
      while (!signal?.aborted && next < cases.length) {
        const index = next++;
        const result = await runCase(options, models[m], cases[index]).catch((error: unknown) => {
          if (error instanceof Cancelled || signal?.aborted) return null;
          throw error;
        });
        if (!result) return;
        results[m][index] = result;
        const count = progress.models[m];
        count.done++;
        if (result.error !== undefined) count.errors++;
        else if (result.pass) count.passed++;
        else count.failed++;
        options.onCase?.(models[m], result);
        options.onProgress?.({ total: progress.total, models: progress.models.map((entry) => ({ ...entry })) });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
  };
  await Promise.all(models.map((_, m) => runModel(m)));

  const finished = results.map((list) => list.filter((result): result is CaseResult => result !== undefined));
  const cancelled = Boolean(signal?.aborted) && finished.some((list) => list.length < cases.length);
  return {
    ran_at: ranAt,
    ...(cancelled ? { cancelled: true } : {}),
    models: models.map((model, m) => summarizeModel(model, finished[m])),
  };
}

/** The promise, or Cancelled as soon as the signal aborts: a call that ignores its signal cannot hold the run. */
function orCancelled<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new Cancelled());
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** One model call, with 429s waited out. */
async function completeWithRetry(options: EvaluateOptions, model: string, request: Parameters<Complete>[1]): Promise<Extract<CompletionOutcome, { ok: true }>> {
  const signal = options.signal ?? new AbortController().signal;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw new Cancelled();
    let outcome: CompletionOutcome;
    try {
      outcome = await orCancelled(options.complete(model, request, signal), signal);
    } catch (error) {
      if (signal.aborted) throw new Cancelled();
      throw new CaseError(`The model call failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (signal.aborted) throw new Cancelled();
    if (outcome.ok) return outcome;
    if (outcome.status !== 429) throw new CaseError(outcome.status !== null ? `${outcome.status} — ${outcome.message}` : outcome.message);
    if (attempt >= MAX_TRIES) throw new CaseError(`429 — still rate limited after ${MAX_TRIES} tries: ${outcome.message}`);
    const wait = Math.min(MAX_RETRY_WAIT_MS, outcome.retry_after_ms ?? 1_000 * 2 ** (attempt - 1));
    await sleep(wait, signal);
  }
}

function addUsage(total: Usage | null, usage: Usage | null): Usage | null {
  if (!usage) return total;
  if (!total) return { ...usage };
  return {
    prompt_tokens: total.prompt_tokens + usage.prompt_tokens,
    completion_tokens: total.completion_tokens + usage.completion_tokens,
    total_tokens: total.total_tokens + usage.total_tokens,
  };
}

const cut = (text: string) => (text.length > MAX_KEPT_CHARS ? `${text.slice(0, MAX_KEPT_CHARS)}…` : text);

/** A message as the case's conversation keeps it: long text (content, a call's arguments) cut. */
function kept(message: ChatMessage): ChatMessage {
  const content = 'content' in message ? message.content : null;
  const shorter = typeof content === 'string' && content.length > MAX_KEPT_CHARS ? ({ ...message, content: cut(content) } as ChatMessage) : message;
  if (shorter.role !== 'assistant' || !shorter.tool_calls?.some((call) => call.function.arguments.length > MAX_KEPT_CHARS)) return shorter;
  return { ...shorter, tool_calls: shorter.tool_calls.map((call) => ({ ...call, function: { ...call.function, arguments: cut(call.function.arguments) } })) };
}

/** A call as the result reports it: the dataset's name, the arguments parsed (or as text, cut, when they do not parse or are too long to keep). */
function madeCall(call: ToolCall, names: Record<string, string>): { name: string; arguments: unknown } {
  const name = own(names, call.function.name) ?? call.function.name;
  const text = call.function.arguments;
  const parsed = text.length <= MAX_KEPT_CHARS ? parseArguments(text) : null;
  return { name, arguments: parsed?.ok ? parsed.value : cut(text) };
}

async function runCase(options: EvaluateOptions, model: string, testCase: TestCase): Promise<CaseResult> {
  const { scenario } = options;
  const tools = testCase.tools ?? scenario.tools;
  const opensWithSystem = testCase.messages[0]?.role === 'system' || testCase.messages[0]?.role === 'developer';
  const messages: ChatMessage[] = [...(scenario.system.trim() && !opensWithSystem ? [{ role: 'system' as const, content: scenario.system }] : []), ...testCase.messages];
  const settings = { model, tools, tool_choice: scenario.tool_choice, parallel_tool_calls: scenario.parallel_tool_calls, temperature: scenario.temperature, max_tokens: scenario.max_tokens, response_format: scenario.response_format };
  const toFinalAnswer = Boolean(testCase.expect.answer_mentions?.length);
  const signal = options.signal ?? new AbortController().signal;
  let usage: Usage | null = null;
  let firstToken: number | null = null;
  let totalMs = 0;
  let firstCalls: ToolCall[] = [];
  let answer: string | null = null;
  let rounds = 0;
  let error: string | undefined;
  try {
    for (; rounds < MAX_ROUNDS; rounds++) {
      const outcome = await completeWithRetry(options, model, buildChatRequest(settings, messages.slice(-LIMITS.maxMessages)));
      usage = addUsage(usage, outcome.usage);
      totalMs += outcome.total_ms;
      const calls = outcome.message.tool_calls ?? [];
      if (rounds === 0) {
        firstToken = outcome.first_token_ms;
        firstCalls = calls;
      }
      messages.push({ role: 'assistant', content: outcome.message.content, ...(calls.length > 0 ? { tool_calls: calls } : {}) });
      if (calls.length === 0) {
        answer = outcome.message.content ?? '';
        break;
      }
      if (!toFinalAnswer) break;
      for (const call of calls) {
        messages.push({ role: 'tool', tool_call_id: call.id, content: await orCancelled(answerCall(scenario.mocks, call, options.runMock, signal, options.runTool), signal) });
      }
    }
  } catch (caught) {
    if (caught instanceof Cancelled || signal.aborted) throw new Cancelled();
    if (!(caught instanceof CaseError)) throw caught;
    error = caught.message.slice(0, 2_000);
  }
  const verdict = error === undefined ? matchTurn(testCase.expect, { calls: firstCalls.map((call) => call.function), answer }, tools) : null;
  const reasons = verdict?.reasons ?? [];
  if (verdict && toFinalAnswer && answer === null) reasons.unshift(`No final answer after ${MAX_ROUNDS} model calls: the model kept calling tools`);
  const names = testCase.names ?? {};
  const cost = callCost(model, usage);
  return {
    id: testCase.id,
    pass: Boolean(verdict?.pass) && !(toFinalAnswer && answer === null),
    ...(error !== undefined ? { error } : {}),
    calls: firstCalls.slice(0, EVALUATE_LIMITS.maxExpectedCalls * 4).map((call) => madeCall(call, names)),
    reasons: reasons.slice(0, EVALUATE_LIMITS.maxReasons).map((reason) => reason.slice(0, EVALUATE_LIMITS.maxReasonChars)),
    first_token_ms: firstToken,
    total_ms: error === undefined ? totalMs : null,
    usage,
    cost: cost.kind === 'priced' ? cost.usd : cost.kind === 'free' ? 0 : null,
    messages: messages.slice(-LIMITS.maxMessages).map(kept),
  };
}
