import { describe, expect, it, vi } from 'vitest';
import type { ChatRequest, Tool } from '@/lib/wire/chat';
import { evaluate, MAX_ROUNDS, type Complete, type CompletionOutcome, type EvaluateOptions } from './run';
import type { TestCase } from './types';

const weather: Tool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};
const scenario: EvaluateOptions['scenario'] = {
  system: 'Be brief.',
  tools: [weather],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  temperature: null,
  max_tokens: null,
  mocks: { get_weather: { kind: 'rules', rules: [{ when: '{"city": "Paris"}', result: '{"sky": "sunny"}' }], default: '{"sky": "grey"}' } },
};
const caseFor = (id: string, city: string, extra: Partial<TestCase> = {}): TestCase => ({
  id,
  messages: [{ role: 'user', content: `Weather in ${city}?` }],
  expect: { calls: [{ name: 'get_weather', arguments: { city: { kind: 'equals', value: city } } }] },
  ...extra,
});

const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
const callOf = (city: string, name = 'get_weather'): CompletionOutcome => ({
  ok: true,
  message: { content: null, tool_calls: [{ id: `call_${city}`, type: 'function', function: { name, arguments: JSON.stringify({ city }) } }] },
  usage,
  first_token_ms: 5,
  total_ms: 20,
});
const text = (content: string): CompletionOutcome => ({ ok: true, message: { content }, usage, first_token_ms: 3, total_ms: 10 });
const lastUser = (request: ChatRequest) => String(request.messages.filter((m) => m.role === 'user').at(-1)?.content);

/** A model that calls get_weather for the city the user named (or Lyon when the user says "Paris?"). */
const honest: Complete = async (_model, request) => {
  const city = /Weather in (.+)\?/.exec(lastUser(request))?.[1] ?? '';
  if (request.messages.at(-1)?.role === 'tool') return text(`It is ${JSON.parse(String(request.messages.at(-1)?.content)).sky}.`);
  return callOf(city);
};

describe('evaluate', () => {
  it('passes, fails and reports calls with the dataset names and parsed arguments', async () => {
    const cases = [caseFor('paris', 'Paris'), caseFor('rome', 'Rome', { names: { get_weather: 'weather.get' } })];
    const complete: Complete = async (model, request) => (model === 'wrong' ? callOf('Oslo') : honest(model, request, new AbortController().signal));
    const onCase = vi.fn();
    const scorecard = await evaluate({ cases, models: ['good', 'wrong'], scenario, concurrency: 2, complete, onCase, now: () => Date.UTC(2026, 0, 2) });
    expect(scorecard.ran_at).toBe('2026-01-02T00:00:00.000Z');
    expect(scorecard.cancelled).toBeUndefined();
    const [good, wrong] = scorecard.models;
    expect(good).toMatchObject({ model: 'good', passed: 2, failed: 0, errors: 0, total: 2, latency: { p50: 20, p95: 20 }, tokens: { prompt: 20, completion: 10 }, cost: null });
    expect(good.cases[1]).toMatchObject({ id: 'rome', pass: true, calls: [{ name: 'weather.get', arguments: { city: 'Rome' } }], reasons: [], first_token_ms: 5, total_ms: 20, usage });
    expect(good.cases[0].messages?.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
    expect(wrong).toMatchObject({ passed: 0, failed: 2, errors: 0 });
    expect(wrong.cases[0].reasons).toEqual(['get_weather: city is "Oslo", expected "Paris"']);
    expect(onCase).toHaveBeenCalledTimes(4);
  });

  it('sends the case tools, the system prompt and the tool settings', async () => {
    const seen: ChatRequest[] = [];
    const own: Tool = { type: 'function', function: { name: 'own_tool', parameters: { type: 'object', properties: {} } } };
    const complete: Complete = async (_model, request) => {
      seen.push(request);
      return text('no');
    };
    await evaluate({ cases: [{ ...caseFor('a', 'Paris'), tools: [own] }], models: ['m'], scenario: { ...scenario, tool_choice: 'required', parallel_tool_calls: false, temperature: 0.2 }, concurrency: 1, complete });
    expect(seen[0]).toMatchObject({ model: 'm', tools: [own], tool_choice: 'required', parallel_tool_calls: false, temperature: 0.2, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user' }] });
  });

  it('runs to the final answer with the mocks when the case has answer_mentions', async () => {
    const cases = [
      caseFor('sunny', 'Paris', { expect: { ...caseFor('', 'Paris').expect, answer_mentions: ['sunny'] } }),
      caseFor('grey', 'Rome', { expect: { ...caseFor('', 'Rome').expect, answer_mentions: ['sunny'] } }),
    ];
    const scorecard = await evaluate({ cases, models: ['m'], scenario, concurrency: 1, complete: honest });
    const [sunny, grey] = scorecard.models[0].cases;
    expect(sunny).toMatchObject({ pass: true, total_ms: 30, usage: { total_tokens: 30 } });
    expect(sunny.messages?.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(sunny.messages?.[3]).toEqual({ role: 'tool', tool_call_id: 'call_Paris', content: '{"sky": "sunny"}' });
    expect(grey).toMatchObject({ pass: false, reasons: ['The final answer does not mention "sunny"'] });
  });

  it('a case with no final answer after the last round fails, saying so', async () => {
    const complete = vi.fn<Complete>(async () => callOf('Paris'));
    const testCase = caseFor('loop', 'Paris', { expect: { ...caseFor('', 'Paris').expect, answer_mentions: ['sunny'] } });
    const scorecard = await evaluate({ cases: [testCase], models: ['m'], scenario, concurrency: 1, complete });
    expect(complete).toHaveBeenCalledTimes(MAX_ROUNDS);
    expect(scorecard.models[0].cases[0]).toMatchObject({ pass: false, reasons: [`No final answer after ${MAX_ROUNDS} model calls: the model kept calling tools`, 'Pending: the final answer should mention "sunny"'] });
  });

  it('a call no mock answers by itself makes the case an error that says why', async () => {
    const testCase = caseFor('js', 'Paris', { expect: { ...caseFor('', 'Paris').expect, answer_mentions: ['sunny'] } });
    const run = (mocks: EvaluateOptions['scenario']['mocks'], runMock?: EvaluateOptions['runMock']) =>
      evaluate({ cases: [testCase], models: ['m'], scenario: { ...scenario, mocks }, concurrency: 1, complete: honest, runMock }).then((s) => s.models[0]);
    const noRunner = await run({ get_weather: { kind: 'javascript', source: '() => "{}"' } });
    expect(noRunner).toMatchObject({ errors: 1, passed: 0, failed: 0, latency: { p50: null } });
    expect(noRunner.cases[0].error).toMatch(/^The JavaScript mock of get_weather cannot run here/);
    expect((await run({ get_weather: { kind: 'ask' } })).cases[0].error).toMatch(/^get_weather has an "ask me" mock/);
    expect((await run({})).cases[0].error).toMatch(/^get_weather has no mock/);
    const runMock = vi.fn<NonNullable<EvaluateOptions['runMock']>>(async () => ({ ok: true, result: '{"sky": "sunny"}' }));
    expect((await run({ get_weather: { kind: 'javascript', source: '() => 1' } }, runMock)).cases[0].pass).toBe(true);
    expect(runMock.mock.calls[0][0]).toEqual({ source: '() => 1', args: { city: 'Paris' }, call: { id: 'call_Paris', name: 'get_weather', arguments: '{"city":"Paris"}' } });
  });

  it('keeps a hostile answer bounded: long arguments are kept as cut text', async () => {
    const huge = JSON.stringify({ city: 'x'.repeat(30_000) });
    const complete: Complete = async () => ({ ok: true, message: { content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'get_weather', arguments: huge } }] }, usage: null, first_token_ms: 1, total_ms: 1 });
    const [result] = (await evaluate({ cases: [caseFor('a', 'Paris')], models: ['m'], scenario, concurrency: 1, complete })).models[0].cases;
    expect(result.pass).toBe(false);
    expect(result.calls[0]).toEqual({ name: 'get_weather', arguments: `${huge.slice(0, 20_000)}…` });
    const assistant = result.messages?.find((m) => m.role === 'assistant');
    expect(assistant?.role === 'assistant' && assistant.tool_calls?.[0].function.arguments.length).toBe(20_001);
  });

  it('records a failed call as an error, neither pass nor fail', async () => {
    const complete: Complete = async () => ({ ok: false, status: 500, message: 'upstream broke', retry_after_ms: null });
    const score = (await evaluate({ cases: [caseFor('a', 'Paris')], models: ['m'], scenario, concurrency: 1, complete })).models[0];
    expect(score).toMatchObject({ passed: 0, failed: 0, errors: 1, total: 1 });
    expect(score.cases[0]).toMatchObject({ pass: false, error: '500 — upstream broke', total_ms: null });
  });

  it('waits out a 429 by its Retry-After with the injected sleep, then succeeds', async () => {
    const outcomes: CompletionOutcome[] = [
      { ok: false, status: 429, message: 'slow down', retry_after_ms: 2_000 },
      { ok: false, status: 429, message: 'slow down', retry_after_ms: 3_600_000 },
      { ok: false, status: 429, message: 'slow down', retry_after_ms: null },
      callOf('Paris'),
    ];
    const complete = vi.fn<Complete>(async () => outcomes.shift()!);
    const sleep = vi.fn(async (_ms: number, _signal?: AbortSignal) => {});
    const score = (await evaluate({ cases: [caseFor('a', 'Paris')], models: ['m'], scenario, concurrency: 1, complete, sleep })).models[0];
    expect(score.passed).toBe(1);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([2_000, 60_000, 4_000]);
  });

  it('gives up on a 429 after a few tries, as an error', async () => {
    const complete: Complete = async () => ({ ok: false, status: 429, message: 'slow down', retry_after_ms: 1 });
    const score = (await evaluate({ cases: [caseFor('a', 'Paris')], models: ['m'], scenario, concurrency: 1, complete, sleep: async () => {} })).models[0];
    expect(score.cases[0].error).toBe('429 — still rate limited after 4 tries: slow down');
  });

  it('keeps at most `concurrency` calls in flight per model, models side by side', async () => {
    const inFlight = new Map<string, number>();
    const most = new Map<string, number>();
    let overall = 0;
    let mostOverall = 0;
    const complete: Complete = async (model, request) => {
      inFlight.set(model, (inFlight.get(model) ?? 0) + 1);
      overall++;
      most.set(model, Math.max(most.get(model) ?? 0, inFlight.get(model)!));
      mostOverall = Math.max(mostOverall, overall);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight.set(model, inFlight.get(model)! - 1);
      overall--;
      return honest(model, request, new AbortController().signal);
    };
    const cases = Array.from({ length: 20 }, (_, i) => caseFor(`c${i}`, 'Paris'));
    const progress: number[][] = [];
    const scorecard = await evaluate({ cases, models: ['a', 'b'], scenario, concurrency: 3, complete, onProgress: (p) => progress.push(p.models.map((m) => m.done)) });
    expect([...most.values()]).toEqual([3, 3]);
    expect(mostOverall).toBe(6);
    expect(progress).toHaveLength(40);
    expect(progress.at(-1)).toEqual([20, 20]);
    expect(scorecard.models.map((m) => m.cases.map((c) => c.id))).toEqual([cases.map((c) => c.id), cases.map((c) => c.id)]);
  });

  it('cancel aborts what is in flight and keeps only the finished cases', async () => {
    const controller = new AbortController();
    let started = 0;
    const complete: Complete = (_model, request, signal) => {
      started++;
      if (started === 4) controller.abort();
      return new Promise((resolve) => {
        if (started <= 2) resolve(honest('m', request, signal));
        // The rest never answer, as a call that ignores its signal: the run must not wait for them.
        if (started === 3) signal.addEventListener('abort', () => resolve({ ok: false, status: null, message: 'Stopped', retry_after_ms: null }));
      });
    };
    const cases = Array.from({ length: 10 }, (_, i) => caseFor(`c${i}`, 'Paris'));
    const scorecard = await evaluate({ cases, models: ['m'], scenario, concurrency: 2, complete, signal: controller.signal });
    expect(scorecard.cancelled).toBe(true);
    expect(scorecard.models[0]).toMatchObject({ total: 2, passed: 2, errors: 0 });
    expect(started).toBe(4);
  });
});
