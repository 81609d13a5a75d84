/** Evaluate in the store: test cases in the scenario, a run with batched progress and Cancel, opening a case as it ran. */
import { describe, expect, it } from 'vitest';
import type { CaseResult, Scorecard, TestCase } from '@/lib/evaluate/types';
import { DEFAULT_SCENARIO, cloneScenario, type Scenario } from '@/lib/scenario/base';
import type { ToolsLint } from '@/lib/tools/lint';
import type { Tool } from '@/lib/wire/chat';
import { createPlaygroundStore, MAIN_CONVERSATION as MAIN } from './playground-store';
import type { EvaluationRunner } from './evaluate';
import { caseFromConversation } from './test-cases';
import { osloConversation } from './testing/test-store';
import type { EvaluationProgress } from './types';

const lintOk = (text: string): ToolsLint => ({ tools: JSON.parse(text), problems: [], errorCount: 0 });

const CASE = (id: string, tools?: Tool[]): TestCase => ({
  id,
  messages: [{ role: 'user', content: `Weather for ${id}?` }],
  expect: { calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'equals', value: id } } }] },
  ...(tools ? { tools } : {}),
});

const result = (id: string, pass: boolean): CaseResult => ({
  id,
  pass,
  calls: [],
  reasons: pass ? [] : ['no call to get_current_weather'],
  first_token_ms: 1,
  total_ms: 2,
  usage: null,
  cost: null,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: `Weather for ${id}?` },
    { role: 'assistant', content: 'I cannot tell.' },
  ],
});

/** A runner that reports progress per case and waits for the test to finish it (or for Cancel). */
function fakeRunner() {
  const runs: Array<{ options: Parameters<EvaluationRunner['evaluate']>[0]; finish: (cancelled?: boolean) => void; progress: (p: EvaluationProgress) => void }> = [];
  const runner: EvaluationRunner = {
    completeWithStreamChat: () => 'complete' as never,
    evaluate: (options) =>
      new Promise<Scorecard>((resolve) => {
        const finish = (cancelled = false) =>
          resolve({
            ran_at: '2026-12-02T00:00:00.000Z',
            ...(cancelled ? { cancelled: true } : {}),
            models: options.models.map((model) => ({
              model,
              passed: 1,
              failed: options.cases.length - 1,
              errors: 0,
              total: options.cases.length,
              latency: { p50: 2, p95: 2 },
              tokens: { prompt: 0, completion: 0 },
              cost: null,
              cases: options.cases.map((c, i) => result(c.id, i === 0)),
            })),
          });
        options.signal?.addEventListener('abort', () => finish(true));
        runs.push({ options, finish, progress: (p) => options.onProgress?.(p) });
      }),
  };
  return { runner, runs };
}

function makeStore(scenario: Scenario = cloneScenario(DEFAULT_SCENARIO)) {
  const { runner, runs } = fakeRunner();
  const frames: Array<() => void> = [];
  const store = createPlaygroundStore(scenario, {
    lintNow: lintOk,
    lint: async (text) => lintOk(text),
    loadRunner: async () => runner,
    nextFrame: (callback) => frames.push(callback),
  });
  const paint = () => frames.splice(0).forEach((callback) => callback());
  return { store, runs, paint };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('test cases in the store', () => {
  it('are part of the scenario it saves, and left out once none is left', () => {
    const { store } = makeStore();
    store.getState().setTestCases([CASE('Paris'), CASE('Rome')]);
    expect(store.getState().snapshot().scenario.test_cases?.map((c) => c.id)).toEqual(['Paris', 'Rome']);
    expect(store.getState().hasUnsavedWork()).toBe(true);
    store.getState().deleteTestCase('Paris');
    store.getState().deleteTestCase('Rome');
    expect(store.getState().snapshot().scenario.test_cases).toBeUndefined();
  });

  it('come from the open conversation: its messages up to the last user turn, and that turn’s expectation', () => {
    const scenario = osloConversation();
    const { store } = makeStore(scenario);
    const made = caseFromConversation(store.getState().snapshot().scenario, []);
    expect(made.ok && made.expectation).toBe('as-answered');
    expect(made.ok && made.testCase.messages).toEqual([{ role: 'user', content: 'Weather in Oslo?' }]);
    expect(made.ok && made.testCase.expect).toEqual({ calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'equals', value: 'Oslo' } } }] });

    const written = makeStore({ ...scenario, expectations: [{ at: 0, expect: { calls: [], answer_mentions: ['3'] } }] }).store;
    const fromWritten = caseFromConversation(written.getState().snapshot().scenario, []);
    expect(fromWritten.ok && fromWritten.testCase.expect).toEqual({ calls: [], answer_mentions: ['3'] });
    expect(fromWritten.ok && fromWritten.expectation).toBe('written');
  });
});

describe('an evaluation in the store', () => {
  it('runs every case on each model with the scenario’s settings, and keeps the scorecard', async () => {
    const { store, runs, paint } = makeStore();
    store.getState().setTestCases([CASE('Paris'), CASE('Rome')]);
    const done = store.getState().runEvaluation({ models: ['offline-simulator', 'gpt-4o'], concurrency: 4 });
    expect(store.getState().evaluation.status).toBe('running');
    expect(store.getState().evaluation.progress?.models.map((m) => m.done)).toEqual([0, 0]);
    await flush();
    const [run] = runs;
    expect(run.options).toMatchObject({ models: ['offline-simulator', 'gpt-4o'], concurrency: 4, complete: 'complete' });
    expect(run.options.scenario.tools[0].function.name).toBe('get_current_weather');
    expect(run.options.cases.map((c) => c.id)).toEqual(['Paris', 'Rome']);

    // Progress reaches the store once a frame, the newest of what came since.
    for (let done = 1; done <= 2; done++) run.progress({ total: 2, models: [{ model: 'offline-simulator', done, passed: done, failed: 0, errors: 0 }] });
    expect(store.getState().evaluation.progress?.models[0].done).toBe(0);
    paint();
    expect(store.getState().evaluation.progress?.models[0].done).toBe(2);

    run.finish();
    const scorecard = await done;
    expect(scorecard?.models.map((m) => m.model)).toEqual(['offline-simulator', 'gpt-4o']);
    expect(store.getState().snapshot().scenario.scorecard).toEqual(scorecard);
    expect(store.getState().evaluation.status).toBe('idle');
  });

  it('Cancel aborts the run; the scorecard says it was cancelled', async () => {
    const { store, runs } = makeStore();
    store.getState().setTestCases([CASE('Paris')]);
    const done = store.getState().runEvaluation({ models: ['offline-simulator'], concurrency: 1 });
    await flush();
    store.getState().cancelEvaluation();
    expect(store.getState().evaluation.status).toBe('cancelling');
    expect(runs[0].options.signal?.aborted).toBe(true);
    expect((await done)?.cancelled).toBe(true);
    expect(store.getState().settings.scorecard?.cancelled).toBe(true);
  });

  it('does not start without cases or models, and says why', async () => {
    const { store } = makeStore();
    expect(await store.getState().runEvaluation({ models: ['offline-simulator'], concurrency: 4 })).toBeNull();
    expect(store.getState().evaluation.error).toMatch(/no test cases/);
    store.getState().setTestCases([CASE('Paris')]);
    expect(await store.getState().runEvaluation({ models: [], concurrency: 4 })).toBeNull();
    expect(store.getState().evaluation.error).toMatch(/at least one model/);
  });

  it('is dropped when other work is opened: its scorecard belongs to the work it ran on', async () => {
    const { store, runs } = makeStore();
    store.getState().setTestCases([CASE('Paris')]);
    const done = store.getState().runEvaluation({ models: ['offline-simulator'], concurrency: 1 });
    await flush();
    store.getState().open({ scenario: cloneScenario(DEFAULT_SCENARIO) });
    expect(runs[0].options.signal?.aborted).toBe(true);
    expect(await done).toBeNull();
    expect(store.getState().settings.scorecard).toBeUndefined();
    expect(store.getState().evaluation.status).toBe('idle');
  });
});

describe('opening a case as it ran', () => {
  it('opens its conversation as new, unsaved work with the case’s tools and expectation; Undo brings the work back', async () => {
    const own: Tool = { type: 'function', function: { name: 'get_current_weather', description: 'BFCL’s own', parameters: { type: 'object', properties: {} } } };
    const { store, runs } = makeStore();
    store.getState().setTestCases([CASE('Paris'), CASE('Rome', [own])]);
    const done = store.getState().runEvaluation({ models: ['gpt-4o'], concurrency: 2 });
    await flush();
    runs[0].finish();
    await done;
    store.getState().markSaved({ savedId: 'lib-1' });
    const before = store.getState();

    expect(store.getState().openCaseResult('gpt-4o', 'Rome')).toBe(true);
    const opened = store.getState().snapshot().scenario;
    expect(opened.name).toBe(`${DEFAULT_SCENARIO.name} — Rome on gpt-4o`);
    expect(opened.model).toBe('gpt-4o');
    expect(opened.system).toBe('Be brief.');
    expect(opened.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(opened.tools).toEqual([own]);
    expect(opened.expectations).toEqual([{ at: 0, expect: CASE('Rome').expect }]);
    expect(opened.scorecard).toEqual(before.settings.scorecard);
    expect(store.getState().session.savedId).toBeNull();
    expect(store.getState().undoHistory.at(-1)?.label).toMatch(/Opened the test case “Rome” as gpt-4o ran it/);

    expect(store.getState().undo()).toBe(true);
    const back = store.getState();
    expect(back.settings).toBe(before.settings);
    expect(back.tools.text).toBe(before.tools.text);
    expect(back.session.savedId).toBe('lib-1');
    expect(back.conversations[MAIN]).toBe(before.conversations[MAIN]);
  });

  it('is not offered for a case whose conversation was not kept', () => {
    const { store } = makeStore();
    expect(store.getState().openCaseResult('gpt-4o', 'nope')).toBe(false);
  });
});
