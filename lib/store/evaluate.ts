/**
 * Evaluate in the playground store: the scenario's test cases and its last scorecard (kept in the
 * settings, so that saving, sharing, reloading, Fork and Undo carry them as they carry the rest), the
 * evaluation running now (not saved), and opening a case as it ran as a conversation. The runner
 * (lib/evaluate/run.ts) loads when the first evaluation starts, not with the page. Its progress
 * reaches the store at most once a frame, so a run of thousands of cases keeps the page responsive.
 */
import type { evaluate } from '@/lib/evaluate/run';
import type { completeWithStreamChat } from '@/lib/evaluate/stream-complete';
import type { Scorecard, TestCase } from '@/lib/evaluate/types';
import { runSettingsOf } from '@/lib/evaluate/run-settings';
import { MAX_NAME_CHARS, type Scenario } from '@/lib/scenario/base';
import { boundScorecard, lastUserIndex } from '@/lib/scenario/evaluation';
import type { ChatRequest, ToolCall } from '@/lib/wire/chat';
import type { McpCallResult } from '@/lib/mcp/types';
import { resultText } from '@/lib/mcp/result-text';
import { parseArguments } from '@/lib/mocks/mock';
import { CaseError } from '@/lib/evaluate/answer-calls';
import type { StreamOptions, StreamResult } from '@/lib/wire/chat-client';
import type { MockRun } from '@/lib/mocks/javascript-runner';
import type { SandboxRequest } from '@/lib/mocks/sandbox-worker';
import { contentText } from '@/lib/wire/chat-constants';
import type { EvaluationProgress, EvaluationRun, PlaygroundData, SessionState, Settings, WorkSnapshot } from './types';

/** What the store runs an evaluation with: lib/evaluate/run.ts and its adapter to the page's streamChat. */
export interface EvaluationRunner {
  evaluate: typeof evaluate;
  completeWithStreamChat: typeof completeWithStreamChat;
}

/** Loads the runner (not with the page: it brings the matcher, Ajv and zod). */
export const loadEvaluationRunner = async (): Promise<EvaluationRunner> => {
  const [run, stream] = await Promise.all([import('@/lib/evaluate/run'), import('@/lib/evaluate/stream-complete')]);
  return { evaluate: run.evaluate, completeWithStreamChat: stream.completeWithStreamChat };
};

export interface EvaluationDeps {
  loadRunner: () => Promise<EvaluationRunner>;
  streamChat: (body: ChatRequest, options: StreamOptions) => Promise<StreamResult>;
  runMock: (request: SandboxRequest) => Promise<MockRun>;
  /** Runs a tool on its MCP server (lib/store/server-runs.ts); null when the function is not served by one. */
  runServerTool: (name: string, args: unknown, signal: AbortSignal) => Promise<McpCallResult> | null;
  /** Calls back before the next paint (requestAnimationFrame in the page). */
  nextFrame: (callback: () => void) => void;
}

export interface EvaluationOptions {
  models: string[];
  /** Cases in flight at once, per model. */
  concurrency: number;
  /** Calls to tools an MCP server serves run there (unless their policy is "never") instead of their mocks. */
  runServerTools?: boolean;
}

export interface EvaluationActions {
  /** The scenario's test cases become these (lib/store/test-cases.ts makes them: from the open turn, an import). */
  setTestCases(cases: TestCase[]): void;
  deleteTestCase(id: string): void;
  /** Runs every test case on each model; the scorecard replaces the last one. Null: it did not run. */
  runEvaluation(options: EvaluationOptions): Promise<Scorecard | null>;
  /** Aborts what is in flight; the scorecard of what finished says it was cancelled. */
  cancelEvaluation(): void;
  /**
   * Opens a case as it ran on a model (its result's messages) as new, unsaved work; Undo brings back
   * the work as it was. False when the scorecard kept no conversation for it.
   */
  openCaseResult(model: string, caseId: string): boolean;
}

export const IDLE_EVALUATION: EvaluationRun = { status: 'idle', progress: null, error: null };

/** What the slice needs of the rest of the store. */
export interface EvaluationHost {
  get: () => PlaygroundData;
  set: (change: (state: PlaygroundData) => Partial<PlaygroundData>) => void;
  snapshot: () => WorkSnapshot;
  patchSettings: (change: Partial<Settings>) => void;
  /** Opens other work as new, unsaved work that Undo takes back (the store's Fork machinery). */
  openUndoable: (work: { scenario: Scenario; toolsText?: string; session?: Partial<SessionState> }, label: string) => void;
}

function emptyProgress(total: number, models: readonly string[]): EvaluationProgress {
  return { total, models: models.map((model) => ({ model, done: 0, passed: 0, failed: 0, errors: 0 })) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The slice: its actions, and `detach` for the store's `open`: other work replaces this one, so the run
 * in flight is aborted and its scorecard, which belongs to the work it ran on, is dropped.
 */
/** A case's call run on its MCP server: its text back to the model, a failed run a failed case. */
function serverToolRunner(deps: EvaluationDeps) {
  return (call: ToolCall, signal: AbortSignal): Promise<string> | null => {
    const run = deps.runServerTool(call.function.name, parseArguments(call.function.arguments), signal);
    return (
      run?.then(
        (result) => resultText(result),
        (error: unknown) => {
          throw new CaseError(`${call.function.name} could not run on its MCP server: ${messageOf(error)}`);
        },
      ) ?? null
    );
  };
}

export function createEvaluation(host: EvaluationHost, deps: EvaluationDeps): { actions: EvaluationActions; detach: () => void } {
  /** The run in flight; replaced work cancels it, and a cancelled run's results are not kept for other work. */
  let current: AbortController | null = null;
  const setRun = (change: Partial<EvaluationRun>) => host.set((s) => ({ evaluation: { ...s.evaluation, ...change } }));
  const cases = () => host.get().settings.test_cases ?? [];
  const setCases = (next: TestCase[]) => host.patchSettings({ test_cases: next.length ? next : undefined });

  const cancel = () => {
    if (!current) return;
    current.abort();
    setRun({ status: 'cancelling' });
  };

  const runEvaluation = async ({ models, concurrency, runServerTools = false }: EvaluationOptions): Promise<Scorecard | null> => {
    const list = cases();
    if (current) return null;
    if (!list.length) {
      setRun({ error: 'There are no test cases to run: add this conversation’s turn, or import some.' });
      return null;
    }
    if (!models.length) {
      setRun({ error: 'Choose at least one model to run the test cases on.' });
      return null;
    }
    const controller = new AbortController();
    current = controller;
    host.set(() => ({ evaluation: { status: 'running', progress: emptyProgress(list.length, models), error: null } }));
    let pending: EvaluationProgress | null = null;
    const flush = () => {
      if (pending && current === controller) setRun({ progress: pending });
      pending = null;
    };
    const onProgress = (progress: EvaluationProgress) => {
      if (pending === null) deps.nextFrame(flush);
      pending = progress;
    };
    try {
      const runner = await deps.loadRunner();
      const scorecard = await runner.evaluate({
        cases: list,
        models,
        scenario: runSettingsOf(host.snapshot().scenario),
        concurrency,
        complete: runner.completeWithStreamChat((body, options) => deps.streamChat(body, options ?? {})),
        signal: controller.signal,
        onProgress,
        runMock: deps.runMock,
        ...(runServerTools ? { runTool: serverToolRunner(deps) } : {}),
      });
      if (current !== controller) return null;
      const last = pending;
      pending = null;
      const kept = boundScorecard(scorecard);
      host.patchSettings({ scorecard: kept });
      host.set((s) => ({ evaluation: { status: 'idle', progress: last ?? s.evaluation.progress, error: null } }));
      return kept;
    } catch (error) {
      if (current === controller) host.set((s) => ({ evaluation: { status: 'idle', progress: s.evaluation.progress, error: `The evaluation stopped: ${messageOf(error)}` } }));
      return null;
    } finally {
      if (current === controller) current = null;
    }
  };

  const openCaseResult = (model: string, caseId: string): boolean => {
    const { settings } = host.get();
    const result = settings.scorecard?.models.find((score) => score.model === model)?.cases.find((c) => c.id === caseId);
    if (!result?.messages?.length) return false;
    const testCase = cases().find((c) => c.id === caseId);
    const { scenario, toolsText } = host.snapshot();
    // The runner sends the system prompt first; the scenario keeps it apart.
    const [first, ...rest] = result.messages;
    const system = first.role === 'system' ? contentText(first.content) : scenario.system;
    const messages = first.role === 'system' ? rest : result.messages;
    const at = lastUserIndex(messages);
    const { alternatives: _a, expectations: _e, ...kept } = scenario;
    const name = `${scenario.name} — ${caseId} on ${model}`.slice(0, MAX_NAME_CHARS);
    const opened: Scenario = {
      ...kept,
      name,
      model,
      system,
      tools: testCase?.tools ?? scenario.tools,
      messages,
      draft: '',
      results: {},
      inspector: [],
      // The case's expectation sits on its turn, so the cards show what it expected of each call.
      ...(testCase && at !== -1 ? { expectations: [{ at, expect: testCase.expect }] } : {}),
    };
    host.openUndoable(
      { scenario: opened, toolsText: testCase?.tools ? undefined : toolsText, session: { savedId: null, savedAt: null, templateId: null, baseline: null } },
      `Opened the test case “${caseId}” as ${model} ran it, a new scenario not yet saved`,
    );
    return true;
  };

  const detach = () => {
    if (!current) return;
    current.abort();
    current = null;
    host.set(() => ({ evaluation: IDLE_EVALUATION }));
  };

  return {
    detach,
    actions: {
      setTestCases: setCases,
      deleteTestCase: (id) => setCases(cases().filter((c) => c.id !== id)),
      runEvaluation,
      cancelEvaluation: cancel,
      openCaseResult,
    },
  };
}
