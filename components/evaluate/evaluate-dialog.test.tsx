import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseResult, Scorecard, TestCase } from '@/lib/evaluate/types';
import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from '@/lib/scenario/base';
import type { EvaluationRunner } from '@/lib/store/evaluate';
import type { EvaluationProgress } from '@/lib/store/types';
import { createPlaygroundStore } from '@/lib/store/playground-store';
import { osloConversation } from '@/lib/store/testing/test-store';
import type { ToolsLint } from '@/lib/tools/lint';
import { PlaygroundStoreProvider } from '@/components/playground/store-context';
import { MODELS_QUERY_KEY } from '@/components/settings/use-models';
import { EvaluateDialog } from './evaluate-dialog';

beforeAll(() => {
  // jsdom has <dialog> without its modal methods.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
  // Nor Blob.text().
  Blob.prototype.text ??= function (this: Blob) {
    return new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsText(this);
    });
  };
});

const lintOk = (text: string): ToolsLint => ({ tools: JSON.parse(text), problems: [], errorCount: 0 });

const tc = (id: string): TestCase => ({
  id,
  messages: [{ role: 'user', content: `Weather in ${id}?` }],
  expect: { calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'equals', value: id } } }] },
});

const result = (id: string, outcome: 'pass' | 'fail' | 'error', total: number): CaseResult => ({
  id,
  pass: outcome === 'pass',
  ...(outcome === 'error' ? { error: '502 — the provider failed' } : {}),
  calls: outcome === 'error' ? [] : [{ name: 'get_current_weather', arguments: { location: outcome === 'pass' ? id : 'Nowhere' } }],
  reasons: outcome === 'fail' ? [`get_current_weather: location is "Nowhere", expected "${id}"`] : [],
  first_token_ms: 1,
  total_ms: total,
  usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
  cost: null,
  messages: [{ role: 'user', content: `Weather in ${id}?` }, { role: 'assistant', content: 'Done.' }],
});

function setup(scenario: Scenario = cloneScenario(DEFAULT_SCENARIO)) {
  let run: { progress: (p: EvaluationProgress) => void; finish: (card: Scorecard) => void; signal?: AbortSignal } | null = null;
  const runner: EvaluationRunner = {
    completeWithStreamChat: () => 'complete' as never,
    evaluate: (options) =>
      new Promise<Scorecard>((resolve) => {
        run = { progress: (p) => options.onProgress?.(p), finish: resolve, signal: options.signal };
        options.signal?.addEventListener('abort', () => resolve({ ran_at: '2026-12-02T00:00:00.000Z', cancelled: true, models: [] }));
      }),
  };
  const frames: Array<() => void> = [];
  const store = createPlaygroundStore(scenario, { lintNow: lintOk, lint: async (t) => lintOk(t), loadRunner: async () => runner, nextFrame: (f) => frames.push(f) });
  const client = new QueryClient();
  client.setQueryData(MODELS_QUERY_KEY, {
    key_configured: false,
    data: [
      { id: 'offline-simulator', name: 'Offline simulator', provider: 'Playground', available: true },
      { id: 'gpt-4o', name: 'GPT-4o', provider: 'OpenAI', available: false },
    ],
  });
  const onOpenCase = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <PlaygroundStoreProvider store={store}>
        <EvaluateDialog onClose={() => {}} onOpenCase={onOpenCase} />
      </PlaygroundStoreProvider>
    </QueryClientProvider>,
  );
  return { store, onOpenCase, run: () => run!, paint: () => act(() => frames.splice(0).forEach((f) => f())) };
}

const CONVERSATION: Scenario = osloConversation();

describe('the Evaluate panel', () => {
  it('adds the open turn as a test case, says what it expects, and deletes it', async () => {
    const user = userEvent.setup();
    const { store } = setup(CONVERSATION);
    await user.click(screen.getByRole('button', { name: 'Add this conversation’s turn as a test case' }));
    expect(screen.getByText(/had no expectation written, so the case expects what the model did/)).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Test cases' });
    expect(within(list).getByText('case-1')).toBeTruthy();
    expect(within(list).getByText('Expects get_current_weather(location = "Oslo")')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Delete test case case-1' }));
    expect(store.getState().settings.test_cases).toBeUndefined();
  });

  it('says why the turn cannot be added', async () => {
    const user = userEvent.setup();
    setup();
    await user.click(screen.getByRole('button', { name: 'Add this conversation’s turn as a test case' }));
    expect(screen.getByText(/no message of yours yet/)).toBeTruthy();
  });

  it('imports a pasted BFCL question file with its answers and reports what was skipped', async () => {
    const user = userEvent.setup();
    const { store } = setup();
    await user.click(screen.getByRole('button', { name: 'Import test cases' }));
    const question = {
      id: 'simple_0',
      question: [[{ role: 'user', content: 'Find the area of a triangle with a base of 10 units and height of 5 units.' }]],
      function: [{ name: 'calculate_triangle_area', description: 'Area of a triangle.', parameters: { type: 'dict', properties: { base: { type: 'integer', description: 'b' }, height: { type: 'integer', description: 'h' } }, required: ['base', 'height'] } }],
    };
    const answer = { id: 'simple_0', ground_truth: [{ calculate_triangle_area: { base: [10], height: [5] } }] };
    const paste = (label: string, text: string) => {
      const box = screen.getByRole('textbox', { name: label });
      return user.click(box).then(() => user.paste(text));
    };
    await paste('BFCL questions', `${JSON.stringify(question)}\nnot json\n`);
    await paste('BFCL possible answers (optional)', `${JSON.stringify(answer)}\n`);
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/Imported 1 test case\./)).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Skipped' })).getByText(/Line 2/)).toBeTruthy();
    expect(store.getState().settings.test_cases?.map((c) => c.id)).toEqual(['simple_0']);
  });

  it('imports a JSON Lines file of test cases, and exports them', async () => {
    const user = userEvent.setup();
    const { store } = setup();
    await user.click(screen.getByRole('button', { name: 'Import test cases' }));
    await user.click(screen.getByRole('radio', { name: /JSON Lines/ }));
    const text = [tc('Paris'), tc('Rome')].map((c) => JSON.stringify(c)).join('\n');
    await user.upload(screen.getByLabelText('Test cases file (JSON Lines)'), new File([text], 'cases.jsonl', { type: 'application/jsonl' }));
    expect(await screen.findByText(/Read “cases.jsonl”/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Imported 2 test cases.')).toBeTruthy();
    expect(store.getState().settings.test_cases?.map((c) => c.id)).toEqual(['Paris', 'Rome']);

    const created: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => (created.push(blob), 'blob:cases');
    URL.revokeObjectURL = () => {};
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await user.click(screen.getByRole('button', { name: 'Export test cases' }));
    expect(await screen.findByText('Downloaded weather-in-three-cities-test-cases.jsonl.')).toBeTruthy();
    expect(click).toHaveBeenCalledTimes(1);
    click.mockRestore();
    expect((await created[0].text()).trim().split('\n').map((line) => JSON.parse(line).id)).toEqual(['Paris', 'Rome']);
  });

  it('runs on the chosen models with progress and Cancel', async () => {
    const user = userEvent.setup();
    const { store, run, paint } = setup({ ...cloneScenario(DEFAULT_SCENARIO), test_cases: [tc('Paris'), tc('Rome')] });
    expect(screen.getByRole('checkbox', { name: /GPT-4o gpt-4o/ })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Run evaluation' }));
    const bar = screen.getByRole('progressbar', { name: 'Evaluation progress' });
    expect(bar.getAttribute('aria-valuemax')).toBe('2');
    act(() => run().progress({ total: 2, models: [{ model: 'offline-simulator', done: 1, passed: 0, failed: 1, errors: 0 }] }));
    paint();
    expect(bar.getAttribute('aria-valuenow')).toBe('1');
    expect(within(screen.getByRole('list', { name: 'Progress per model' })).getByText(/1\/2/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(run().signal?.aborted).toBe(true);
    expect(await screen.findByRole('button', { name: 'Run evaluation' })).toBeTruthy();
    expect(store.getState().settings.scorecard?.cancelled).toBe(true);
    expect(screen.getByText('Cancelled: 1 of 2 case runs done.')).toBeTruthy();
  });

  it('says when the calls asked for exceed what a browser makes at once over HTTP/1.1', async () => {
    const user = userEvent.setup();
    const entries = vi.spyOn(performance, 'getEntriesByType').mockReturnValue([{ nextHopProtocol: 'http/1.1' } as PerformanceNavigationTiming]);
    setup({ ...cloneScenario(DEFAULT_SCENARIO), test_cases: [tc('Paris')] });
    const level = screen.getByRole('spinbutton', { name: 'Concurrency per model' });
    expect(screen.queryByText(/over HTTP\/1\.1/)).toBeNull();
    await user.clear(level);
    await user.type(level, '8');
    expect(screen.getByText(/over HTTP\/1\.1, where a browser makes at most 6 calls at once: the 8 asked for take turns/)).toBeTruthy();
    entries.mockRestore();
  });

  it('shows the scorecard, sorts its case results and opens a case as a conversation', async () => {
    const user = userEvent.setup();
    const scorecard: Scorecard = {
      ran_at: '2026-12-02T00:00:00.000Z',
      models: [
        {
          model: 'offline-simulator',
          passed: 1,
          failed: 1,
          errors: 1,
          total: 3,
          latency: { p50: 20, p95: 30 },
          tokens: { prompt: 30, completion: 6 },
          cost: null,
          cases: [result('a', 'pass', 30), result('b', 'fail', 10), result('c', 'error', 20)],
        },
      ],
    };
    const { onOpenCase } = setup({ ...cloneScenario(DEFAULT_SCENARIO), test_cases: [tc('a'), tc('b'), tc('c')], scorecard });
    const summary = screen.getByRole('table', { name: 'Scorecard' });
    const row = within(summary).getByRole('row', { name: /offline-simulator/ });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['33.3%', '1', '1', '1', '3', '20 ms', '30 ms', '30 / 6', 'unknown']);

    const table = screen.getByRole('table', { name: 'Case results' });
    const ids = () => within(table).getAllByRole('rowheader').map((c) => c.textContent);
    expect(ids()).toEqual(['a', 'b', 'c']);
    await user.click(within(table).getByRole('button', { name: /Latency/ }));
    expect(ids()).toEqual(['b', 'c', 'a']);
    expect(within(table).getByRole('columnheader', { name: /Latency/ }).getAttribute('aria-sort')).toBe('ascending');
    await user.click(within(table).getByRole('button', { name: /Latency/ }));
    expect(ids()).toEqual(['a', 'c', 'b']);
    expect(within(table).getByText('get_current_weather: location is "Nowhere", expected "b"')).toBeTruthy();
    expect(within(table).getByText('502 — the provider failed')).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'fail');
    expect(ids()).toEqual(['b']);
    await user.click(within(table).getByRole('button', { name: 'Open as conversation: b on offline-simulator' }));
    expect(onOpenCase).toHaveBeenCalledWith('offline-simulator', 'b');
  });
});
