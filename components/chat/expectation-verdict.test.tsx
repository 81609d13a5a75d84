import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TurnExpectation } from '@/lib/evaluate/types';
import type { Scenario } from '@/lib/scenario/base';
import { finishedWeatherScenario } from '@/lib/scenario/templates';
import { createPlaygroundStore, MAIN_CONVERSATION } from '@/lib/store/playground-store';
import { PlaygroundStoreProvider } from '@/components/playground/store-context';
import { ConversationLog } from './conversation-log';
import { CallVerdict, TurnVerdict } from './expectation-verdict';

// A touch screen: every toolbar is built in full from the start (jsdom has no matchMedia).
beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({ matches: query === '(hover: none)', addEventListener() {}, removeEventListener() {} })) as unknown as typeof window.matchMedia;
});

function showLog(scenario: Scenario = finishedWeatherScenario()) {
  const store = createPlaygroundStore(scenario, { lintNow: (text) => ({ tools: JSON.parse(text), problems: [], errorCount: 0 }) });
  render(
    <PlaygroundStoreProvider store={store}>
      <ConversationLog conversationId={MAIN_CONVERSATION} />
    </PlaygroundStoreProvider>,
  );
  return { store, log: screen.getByRole('log', { name: 'Conversation' }) };
}

const checks = (log: HTMLElement) => within(log).queryAllByRole('status', { name: 'Expectation check' }).map((el) => el.textContent);
const turnCheck = (log: HTMLElement) => within(log).queryByRole('status', { name: 'Turn expectation check' })?.textContent ?? null;

describe('the verdicts of a turn’s expectations', () => {
  it('are written from what the turn did, then pass on each card and under the answer', async () => {
    const user = userEvent.setup();
    const { log } = showLog();
    expect(checks(log)).toEqual([]);
    const question = within(log).getByRole('article', { name: 'User' });
    await user.click(within(question).getByRole('button', { name: 'Expectations' }));
    // The editor and the matcher load on demand.
    const form = await within(question).findByRole('form', { name: 'Expectations for this turn' });
    // Prefilled from the three calls it made.
    expect(within(form).getAllByRole('group')).toHaveLength(3);
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(question).queryByRole('form')).toBeNull();
    expect(question.textContent).toContain('Expected: get_current_weather(location = "New York, NY"; unit = "celsius")');
    await waitFor(() => expect(checks(log)).toEqual(['✓ Meets the expected call', '✓ Meets the expected call', '✓ Meets the expected call']));
    expect(turnCheck(log)).toBe('✓ Meets expectations');
  });

  it('fail with the matcher’s reasons; “no tool call” expected fails every call and the answer', async () => {
    const scenario = finishedWeatherScenario();
    const boston: TurnExpectation = { calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'one_of', values: ['Boston, MA'] }, unit: { kind: 'any', optional: true } } }] };
    scenario.expectations = [{ at: 0, expect: boston }];
    const { log, store } = showLog(scenario);
    await waitFor(() => expect(checks(log).filter((text) => text?.startsWith('Does not meet the expected calls'))).toHaveLength(3));
    expect(turnCheck(log)).toMatch(/^✗ Does not meet expectations:.*Expected 1 tool call, the model made 3 calls/);
    expect(checks(log)[0]).toContain('location');

    const user = store.getState().conversations[MAIN_CONVERSATION].state.entries[0];
    act(() => void store.getState().setExpectation(MAIN_CONVERSATION, user.key, { calls: [] }));
    expect(checks(log)).toEqual(Array(3).fill('Does not meet the expected calls✗No tool call was expected in this turn'));
    expect(turnCheck(log)).toContain('Expected no tool call, but the model called get_current_weather');
  });
});

describe('the verdict views', () => {
  it('say “so far” and that the final answer is pending until it has come', () => {
    const { rerender } = render(<TurnVerdict verdict={{ pass: true, failures: [], pending: [], finished: false }} />);
    expect(screen.getByRole('status', { name: 'Turn expectation check' }).textContent).toBe('✓ Meets expectations so far…Pending: the final answer');
    rerender(<TurnVerdict verdict={{ pass: false, failures: ['Missing call: f()'], pending: ['Pending: the final answer should mention "x"'], finished: false }} />);
    expect(screen.getByRole('status').textContent).toBe('✗ Does not meet expectations so far:✗Missing call: f()…Pending: the final answer should mention "x"');
    rerender(<CallVerdict verdict={{ pass: true, failures: [], pending: ['Pending: the schema checks are loading'] }} />);
    expect(screen.getByRole('status', { name: 'Expectation check' }).textContent).toBe('✓ Meets the expected call…Pending: the schema checks are loading');
  });
});
