import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from '@/lib/scenario/base';
import { createPlaygroundStore, MAIN_CONVERSATION } from '@/lib/store/playground-store';
import { PlaygroundStoreProvider } from '@/components/playground/store-context';
import { inspectorRecord } from '@/lib/testing/inspector-record';
import { Inspector } from './inspector';

/** A plain reply to "Hi", as the inspector records it. */
function record(partial: Parameters<typeof inspectorRecord>[0]) {
  return inspectorRecord({ system: 'Be brief.', usage: { prompt_tokens: 80, completion_tokens: 20, total_tokens: 100 }, reply: { role: 'assistant', content: 'Hello.' }, raw: 'data: {"id":"x"}\n\ndata: [DONE]\n\n', raw_chars: 30, ...partial });
}

function showInspector(inspector: ReturnType<typeof inspectorRecord>[]) {
  const scenario: Scenario = { ...cloneScenario(DEFAULT_SCENARIO), messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello.' }, { role: 'user', content: 'Again' }], inspector };
  const store = createPlaygroundStore(DEFAULT_SCENARIO, { lintNow: () => ({ tools: [], problems: [], errorCount: 0 }) });
  store.getState().open({ scenario });
  render(
    <PlaygroundStoreProvider store={store}>
      <Inspector conversationId={MAIN_CONVERSATION} />
    </PlaygroundStoreProvider>,
  );
}

describe('the inspector', () => {
  it('says what it will show before any call', () => {
    showInspector([]);
    expect(screen.getByRole('region', { name: 'Inspector' }).textContent).toMatch(/Each model call appears here/);
  });

  it('shows each call with its timings, tokens and the exact request body rebuilt from the conversation', () => {
    showInspector([record({}), record({ id: 'r2', status: 'failed', message_count: 3, error: { status: 429, kind: 'http', message: 'Slow down' }, reply: null, usage: null, finish_reason: null })]);
    const inspector = screen.getByRole('region', { name: 'Inspector' });
    expect(inspector.textContent).toContain('2 model calls');
    const [newest, first] = inspector.querySelectorAll('details[class~="group"]');
    expect(newest.textContent).toContain('Call 2');
    expect(newest.textContent).toContain('failed');
    expect(newest.textContent).toContain('429 — Slow down');
    expect(first.textContent).toContain('Call 1');
    expect(within(first as HTMLElement).getByText('120 ms')).toBeTruthy();
    expect(within(first as HTMLElement).getByText('100')).toBeTruthy();
    const body = JSON.parse(within(first as HTMLElement).getByText(/"model": "gpt-4o"/).textContent!);
    expect(body.messages).toEqual([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }]);
  });

  it('opens the newest call by itself, and keeps what the person opened or closed', async () => {
    const user = userEvent.setup();
    showInspector([record({}), record({ id: 'r2', message_count: 3 })]);
    const calls = screen.getByRole('region', { name: 'Inspector' }).querySelectorAll<HTMLDetailsElement>('details[class~="group"]');
    expect([...calls].map((call) => call.open)).toEqual([true, false]);
    await user.click(within(calls[1]).getByText('Call 1'));
    expect(calls[1].open).toBe(true);
  });

  it('says so when a raw stream was over the size kept with the scenario', () => {
    showInspector([record({ raw: null, raw_chars: 50_000 })]);
    expect(screen.getByText(/The raw stream \(50,000 characters\) was not kept/)).toBeTruthy();
  });

  it('shows a call interrupted by a reload as such', () => {
    showInspector([record({ status: 'interrupted', total_ms: null, reply: null, error: { status: null, kind: 'interrupted', message: 'This call was interrupted.' } })]);
    expect(screen.getByRole('region', { name: 'Inspector' }).textContent).toContain('interrupted');
  });
});
