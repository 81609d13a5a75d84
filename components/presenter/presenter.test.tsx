import { act, render, renderHook, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyEvent } from '@/lib/conversation/reducer';
import { loadSchemaEngine } from '@/lib/tools/schema-engine-loader';
import { railAt } from '@/lib/demo/rail';
import { ANSWER, answered, approveAll, asked, calledTools, cards, failed, locations, run, stepsOf, TOOLS, toolCalled, weatherLoop } from '@/lib/demo/testing/conversations';
import type { Arrow, DemoStep } from '@/lib/demo/types';
import { StepRail } from './step-rail';
import { SequenceDiagram } from './sequence-diagram';
import { PresenterConversation } from './presenter-conversation';
import { revealParts, useReveal, type ReplaySpeed } from './use-reveal';

beforeAll(async () => {
  // The calls' verdicts check at once (Ajv loaded); jsdom does not scroll.
  await loadSchemaEngine();
  Element.prototype.scrollIntoView ??= () => {};
});

describe('StepRail', () => {
  const items = () => within(screen.getByRole('list', { name: 'Steps of function calling' })).getAllByRole('listitem');

  it('lights the current step; the ones passed are done, the rest next', () => {
    const steps = stepsOf(toolCalled());
    render(<StepRail rail={railAt(steps)} />);
    const [one, two, three, four] = items();
    expect(items().map((item) => item.getAttribute('aria-current'))).toEqual([null, null, 'step', null]);
    expect(three.textContent).toContain('Run the function (step 3, now)');
    expect(one.textContent).toContain('Call the model (step 1, done)');
    expect(two.textContent).toContain('The model asks for a tool (step 2, done)');
    expect(four.textContent).toContain('Call the model again (step 4, next)');
    expect(screen.getByText('Turn 1 · waiting')).toBeTruthy();
  });

  it('a direct answer: step 1 lit, 2 to 4 not needed', () => {
    render(<StepRail rail={railAt(stepsOf(answered(asked('Hello!'), 'r1', 'Hi there.'), { tools: [] }))} size="large" />);
    const all = items();
    expect(all.map((item) => item.getAttribute('aria-current'))).toEqual(['step', null, null, null]);
    expect(all[0].textContent).toContain('(step 1, now)');
    expect(all.slice(1).map((item) => item.textContent?.match(/\(step \d, [a-z ]+\)/)?.[0])).toEqual(['(step 2, not needed)', '(step 3, not needed)', '(step 4, not needed)']);
    expect(screen.getByText('Turn 1 · answered')).toBeTruthy();
  });

  it('after the results, the answer: step 4 lit, 1 to 3 done; stepped back, the later ones are next again', () => {
    const steps = stepsOf(weatherLoop());
    const { rerender } = render(<StepRail rail={railAt(steps)} />);
    expect(items().map((item) => item.textContent?.match(/\(step \d, [a-z ]+\)/)?.[0])).toEqual(['(step 1, done)', '(step 2, done)', '(step 3, done)', '(step 4, now)']);
    rerender(<StepRail rail={railAt(steps, 2)} />);
    expect(items().map((item) => item.getAttribute('aria-current'))).toEqual([null, 'step', null, null]);
    expect(items().map((item) => item.textContent?.match(/\(step \d, [a-z ]+\)/)?.[0])).toEqual(['(step 1, done)', '(step 2, now)', '(step 3, next)', '(step 4, next)']);
    rerender(<StepRail rail={railAt(steps, -1)} />);
    expect(items().every((item) => item.getAttribute('aria-current') === null)).toBe(true);
    expect(screen.getByText('Nothing sent yet')).toBeTruthy();
  });
});

describe('SequenceDiagram', () => {
  const diagram = () => screen.getByRole('list', { name: 'Sequence diagram' });

  it('one item per step; the arrows that lead somewhere are buttons named by what travels, and say which arrow and step on click', async () => {
    const user = userEvent.setup();
    const steps = stepsOf(weatherLoop());
    const onArrow = vi.fn<(arrow: Arrow, step: DemoStep) => void>();
    render(<SequenceDiagram steps={steps} currentId={steps[2].id} onArrow={onArrow} canOpen={(arrow) => arrow.requestId !== null} />);
    const items = within(diagram()).getAllByRole('listitem');
    expect(items).toHaveLength(steps.length);
    expect(items.map((item) => item.getAttribute('aria-current'))).toEqual([null, null, 'step', null, null, null, null]);
    expect(within(diagram()).getAllByRole('button').map((button) => button.getAttribute('aria-label'))).toEqual([
      'App → Model: 2 messages, 1 tool',
      'Model → App: tool_calls: get_current_weather({"location": "New York"})',
      'App → Model: 4 messages, 1 tool',
      `Model → App: “${ANSWER}”`,
    ]);
    // The rest are pictures with the same kind of name, not buttons.
    expect(within(diagram()).getAllByRole('img').map((img) => img.getAttribute('aria-label'))).toEqual([
      'Person → App: “What is the weather in New York?”',
      'App → Tool: run get_current_weather',
      expect.stringMatching(/^Tool → App: get_current_weather → \{"temperature": 22/),
      'App → Person: Shows the answer',
    ]);
    await user.click(screen.getByRole('button', { name: 'Model → App: tool_calls: get_current_weather({"location": "New York"})' }));
    expect(onArrow).toHaveBeenCalledTimes(1);
    expect(onArrow).toHaveBeenLastCalledWith(steps[2].arrows[0], steps[2]);
    await user.click(screen.getByRole('button', { name: 'App → Model: 4 messages, 1 tool' }));
    expect(onArrow).toHaveBeenLastCalledWith(steps[5].arrows[0], steps[5]);
  });

  it('without onArrow, or where canOpen says no, no arrow is a button', () => {
    const steps = stepsOf(weatherLoop());
    const { rerender } = render(<SequenceDiagram steps={steps} />);
    expect(within(diagram()).queryAllByRole('button')).toEqual([]);
    expect(within(diagram()).getAllByRole('img')).toHaveLength(8);
    rerender(<SequenceDiagram steps={steps} onArrow={() => {}} canOpen={() => false} />);
    expect(within(diagram()).queryAllByRole('button')).toEqual([]);
    expect(screen.getByRole('img', { name: 'App → Model: 2 messages, 1 tool' })).toBeTruthy();
    rerender(<SequenceDiagram steps={steps} onArrow={() => {}} />);
    expect(within(diagram()).getAllByRole('button')).toHaveLength(8);
  });

  it('parallel calls sit in one step that says “in parallel”; the others do not', () => {
    const steps = stepsOf(approveAll(calledTools(asked(), 'r1', locations('New York', 'Chicago'))));
    render(<SequenceDiagram steps={steps} onArrow={() => {}} />);
    const items = within(diagram()).getAllByRole('listitem');
    const parallel = items.filter((item) => item.textContent?.includes('in parallel'));
    expect(parallel).toHaveLength(steps.filter((step) => step.parallel).length);
    expect(parallel).toHaveLength(3);
    const calls = items[steps.findIndex((step) => step.id.endsWith(':tool-calls'))];
    expect(calls.textContent).toContain('in parallel');
    expect(within(calls).getAllByRole('button').map((button) => button.getAttribute('aria-label'))).toEqual([
      'Model → App: tool_calls: get_current_weather({"location": "New York"})',
      'Model → App: tool_calls: get_current_weather({"location": "Chicago"})',
    ]);
    expect(items[0].textContent).not.toContain('in parallel');
  });

  it('names declined, failed and waiting arrows so; a retry shows ↻', () => {
    let state = calledTools(asked(), 'r1', locations('New York', 'Chicago'));
    const [york, chicago] = cards(state);
    state = run(state, { type: 'callRejected', callKey: york.key });
    const { rerender } = render(<SequenceDiagram steps={stepsOf(state)} onArrow={() => {}} />);
    expect(screen.getByRole('button', { name: 'App → Tool: get_current_weather: declined, not run (declined)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'App → Tool: get_current_weather: waiting for approval (waiting)' })).toBeTruthy();

    const gone = failed(asked(), 'r1');
    rerender(<SequenceDiagram steps={stepsOf(gone)} onArrow={() => {}} />);
    expect(screen.getByRole('button', { name: 'Model → App: Error 503: Upstream overloaded (failed)' })).toBeTruthy();

    const retried = applyEvent(gone, { type: 'retryRequested' });
    rerender(<SequenceDiagram steps={stepsOf(retried)} onArrow={() => {}} />);
    const retry = screen.getByRole('button', { name: 'App → Model: Retry: 2 messages, 1 tool (waiting)' });
    expect(retry.textContent).toContain('↻ Retry: 2 messages, 1 tool');
    expect(screen.getByRole('button', { name: 'App → Model: 2 messages, 1 tool' }).textContent).not.toContain('↻');
    expect(chicago.state).toBe('awaiting-result');
  });
});

describe('PresenterConversation', () => {
  const log = () => screen.getByRole('log', { name: 'Conversation' });
  const articles = () => within(log()).getAllByRole('article').map((article) => article.getAttribute('aria-label'));

  it('shows only the entries it is given', () => {
    const { entries } = weatherLoop();
    const { rerender } = render(<PresenterConversation entries={entries.slice(0, 2)} reveal={null} tools={TOOLS} />);
    expect(articles()).toEqual(['User', 'Assistant']);
    expect(log().textContent).toContain('tool_call: get_current_weather');
    expect(log().textContent).not.toContain(ANSWER);
    rerender(<PresenterConversation entries={entries} reveal={null} tools={TOOLS} />);
    expect(articles()).toEqual(['User', 'Assistant', 'Tool', 'Assistant']);
    expect(within(log()).getByRole('article', { name: 'Tool' }).textContent).toContain('Result of get_current_weather');
    expect(log().textContent).toContain(ANSWER);
    rerender(<PresenterConversation entries={[]} reveal={null} tools={TOOLS} />);
    expect(within(log()).queryAllByRole('article')).toEqual([]);
    expect(log().textContent).toContain('Nothing has been said yet.');
  });

  it('a replayed entry shows only the characters revealed so far; the others show in full', () => {
    const { entries } = weatherLoop();
    render(<PresenterConversation entries={entries} reveal={{ index: 3, shown: 5 }} tools={TOOLS} />);
    const [, calls, , answer] = within(log()).getAllByRole('article');
    expect(answer.textContent).toContain('It is');
    expect(answer.textContent).not.toContain('It is ');
    expect(answer.textContent).not.toContain(ANSWER);
    expect(calls.textContent).toContain('"location": "New York"');
  });

  it('a call whose arguments are still being revealed shows them in part, with no verdict and no Approve yet', () => {
    const state = toolCalled();
    const handlers = { onApprove: vi.fn(), onReject: vi.fn() };
    const { rerender } = render(<PresenterConversation entries={state.entries} reveal={{ index: 1, shown: 6 }} tools={TOOLS} {...handlers} />);
    const assistant = within(log()).getByRole('article', { name: 'Assistant' });
    // The text part is empty, so the six characters are the pretty arguments' first: `{\n  "l`.
    expect(assistant.textContent).toContain('{\n  "l');
    expect(assistant.textContent).not.toContain('"location"');
    expect(assistant.textContent).not.toContain('Arguments match the schema');
    expect(screen.queryByRole('button')).toBeNull();
    rerender(<PresenterConversation entries={state.entries} reveal={{ index: 1, shown: 1_000 }} tools={TOOLS} {...handlers} />);
    expect(assistant.textContent).toContain('"location": "New York"');
    expect(assistant.textContent).toContain('✓ Arguments match the schema');
    expect(screen.getByRole('button', { name: 'Approve' })).toBeTruthy();
  });

  it('a call waiting for its result: Approve and Reject give the call’s key; without handlers, no buttons', async () => {
    const user = userEvent.setup();
    const state = calledTools(asked(), 'r1', locations('New York', 'Chicago'));
    const [york, chicago] = cards(state);
    const handlers = { onApprove: vi.fn(), onReject: vi.fn() };
    const { rerender } = render(<PresenterConversation entries={state.entries} reveal={null} tools={TOOLS} {...handlers} />);
    expect(screen.getAllByRole('button', { name: 'Approve' })).toHaveLength(2);
    // The mock's result is shown before it goes back.
    expect(log().textContent).toContain('Result to send back');
    await user.click(screen.getAllByRole('button', { name: 'Approve' })[1]);
    expect(handlers.onApprove).toHaveBeenCalledExactlyOnceWith(chicago.key);
    await user.click(screen.getAllByRole('button', { name: 'Reject' })[0]);
    expect(handlers.onReject).toHaveBeenCalledExactlyOnceWith(york.key);
    expect(york.key).not.toBe(chicago.key);

    rerender(<PresenterConversation entries={state.entries} reveal={null} tools={TOOLS} />);
    expect(screen.queryByRole('button')).toBeNull();
    expect(log().textContent).not.toContain('Result to send back');
    // Once answered, nothing is left to approve even with handlers.
    rerender(<PresenterConversation entries={approveAll(state).entries} reveal={null} tools={TOOLS} {...handlers} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('revealParts', () => {
  it('fills the parts in order up to the characters shown', () => {
    const parts = ['abc', 'de', 'f'];
    expect(revealParts(parts, 0)).toEqual(['', '', '']);
    expect(revealParts(parts, 2)).toEqual(['ab', '', '']);
    expect(revealParts(parts, 3)).toEqual(['abc', '', '']);
    expect(revealParts(parts, 4)).toEqual(['abc', 'd', '']);
    expect(revealParts(parts, 6)).toEqual(['abc', 'de', 'f']);
    expect(revealParts(parts, 100)).toEqual(parts);
    expect(revealParts(['', 'xy'], 1)).toEqual(['', 'x']);
  });
});

describe('useReveal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const hook = (initialProps: { key: string | null; total: number; speed: ReplaySpeed }) =>
    renderHook(({ key, total, speed }) => useReveal(key, total, speed), { initialProps });

  it('grows from nothing to the total at the chosen speed, then stops', () => {
    vi.useFakeTimers();
    const { result } = hook({ key: 'step-a', total: 10, speed: 'normal' });
    expect(result.current).toMatchObject({ shown: 0, revealing: true });
    // Normal: 90 characters a second, 3 every 33 ms tick.
    act(() => vi.advanceTimersByTime(33));
    expect(result.current.shown).toBe(3);
    act(() => vi.advanceTimersByTime(66));
    expect(result.current).toMatchObject({ shown: 9, revealing: true });
    act(() => vi.advanceTimersByTime(33));
    expect(result.current).toMatchObject({ shown: 10, revealing: false });
    act(() => vi.advanceTimersByTime(1_000));
    expect(result.current.shown).toBe(10);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('finish() shows it all at once; a new key starts again from nothing', () => {
    vi.useFakeTimers();
    const { result, rerender } = hook({ key: 'step-a', total: 500, speed: 'slow' });
    act(() => vi.advanceTimersByTime(33));
    expect(result.current.shown).toBe(1);
    act(() => result.current.finish());
    expect(result.current).toMatchObject({ shown: 500, revealing: false });
    rerender({ key: 'step-b', total: 40, speed: 'fast' });
    expect(result.current).toMatchObject({ shown: 0, revealing: true });
    act(() => vi.advanceTimersByTime(33));
    expect(result.current.shown).toBe(10);
    act(() => vi.advanceTimersByTime(33 * 3));
    expect(result.current).toMatchObject({ shown: 40, revealing: false });
  });

  it('instant shows everything at once', () => {
    vi.useFakeTimers();
    const { result } = hook({ key: 'step-a', total: 25, speed: 'instant' });
    expect(result.current).toMatchObject({ shown: 25, revealing: false });
    expect(vi.getTimerCount()).toBe(0);
  });
});
