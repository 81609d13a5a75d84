import { describe, expect, it } from 'vitest';
import { applyEvent } from '@/lib/conversation/reducer';
import { NO_RAIL, railAt } from './rail';
import { answered, approveAll, asked, calledTools, cards, chunk, locations, run, started, stepsOf, toolCalled, weatherLoop } from './testing/conversations';

describe('railAt', () => {
  it('is NO_RAIL with no steps, and before the first one (at = -1)', () => {
    expect(railAt([])).toEqual(NO_RAIL);
    expect(NO_RAIL).toEqual({ turn: 0, current: null, reached: [], answered: false, skippedTools: false, waiting: false });
    expect(railAt(stepsOf(weatherLoop()), -1)).toEqual(NO_RAIL);
  });

  it('mid-turn, lights each of the four steps in turn and keeps the ones passed', () => {
    // 1: the question asked, the call due.
    expect(railAt(stepsOf(asked()))).toEqual({ turn: 1, current: 1, reached: [1], answered: false, skippedTools: false, waiting: true });
    // 2: the model asked for the tool, still streaming its arguments.
    const streaming = run(started(asked(), 'r1'), {
      type: 'chunkReceived',
      requestId: 'r1',
      at: 1,
      chunk: chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'get_current_weather', arguments: '{"loc' } }] }),
    });
    expect(railAt(stepsOf(streaming))).toEqual({ turn: 1, current: 2, reached: [1, 2], answered: false, skippedTools: false, waiting: true });
    // 3: the call waits for approval.
    expect(railAt(stepsOf(toolCalled()))).toEqual({ turn: 1, current: 3, reached: [1, 2, 3], answered: false, skippedTools: false, waiting: true });
    // 3 again once the result came back (not waiting now), then 4: the model called again, its reply due.
    const approved = approveAll(toolCalled());
    const steps = stepsOf(approved);
    expect(railAt(steps, steps.length - 2)).toEqual({ turn: 1, current: 3, reached: [1, 2, 3], answered: false, skippedTools: false, waiting: false });
    expect(railAt(steps)).toEqual({ turn: 1, current: 4, reached: [1, 2, 3, 4], answered: false, skippedTools: false, waiting: true });
  });

  it('a direct answer without a tool: answered at step 1, steps 2 and 3 skipped', () => {
    const steps = stepsOf(answered(asked('Hello!'), 'r1', 'Hi there.'), { tools: [] });
    expect(railAt(steps)).toEqual({ turn: 1, current: 1, reached: [1], answered: true, skippedTools: true, waiting: false });
  });

  it('after the results, the answer: step 4, answered, nothing skipped', () => {
    expect(railAt(stepsOf(weatherLoop()))).toEqual({ turn: 1, current: 4, reached: [1, 2, 3, 4], answered: true, skippedTools: false, waiting: false });
  });

  it('a second turn starts again: reached holds only its own steps', () => {
    const second = asked('And in Chicago?', weatherLoop());
    expect(railAt(stepsOf(second))).toEqual({ turn: 2, current: 1, reached: [1], answered: false, skippedTools: false, waiting: true });
    // Answered directly, turn 2 skipped the tools even though turn 1 used them.
    const steps = stepsOf(answered(second, 'r3', '18 °C.'));
    expect(railAt(steps)).toEqual({ turn: 2, current: 1, reached: [1], answered: true, skippedTools: true, waiting: false });
    // Stepping back into turn 1 shows turn 1 as it ended.
    const endOfFirst = steps.filter((step) => step.turn === 1).length - 1;
    expect(railAt(steps, endOfFirst)).toEqual({ turn: 1, current: 4, reached: [1, 2, 3, 4], answered: true, skippedTools: false, waiting: false });
  });

  it('waits when the step shown has an arrow still pending, not when an earlier one had', () => {
    const steps = stepsOf(toolCalled());
    expect(steps.at(-1)?.arrows.map((arrow) => arrow.status)).toEqual(['pending']);
    expect(railAt(steps).waiting).toBe(true);
    expect(railAt(steps, steps.length - 2).waiting).toBe(false);
    // A reply still streaming its text waits too.
    const streaming = run(started(asked(), 'r1'), { type: 'chunkReceived', requestId: 'r1', at: 1, chunk: chunk({ content: 'It is' }) });
    expect(railAt(stepsOf(streaming))).toMatchObject({ current: 1, waiting: true, answered: false });
  });

  it('waits while one of two parallel calls is answered and the other is not, though the step shown is the first result', () => {
    const two = calledTools(asked(), 'r1', locations('New York', 'Chicago'));
    const one = applyEvent(two, { type: 'callApproved', callKey: cards(two)[0].key });
    const steps = stepsOf(one);
    expect(steps.at(-1)?.arrows.map((arrow) => arrow.kind)).toEqual(['result']);
    expect(railAt(steps)).toMatchObject({ current: 3, waiting: true });
    expect(railAt(stepsOf(approveAll(one)))).toMatchObject({ waiting: true, current: 4 });
  });

  it('at a step before the end (stepping back): only the steps up to it count', () => {
    const steps = stepsOf(weatherLoop());
    expect(steps.map((step) => step.rail)).toEqual([1, 1, 2, 3, 3, 4, 4]);
    expect(railAt(steps, 0)).toEqual({ turn: 1, current: 1, reached: [1], answered: false, skippedTools: false, waiting: false });
    expect(railAt(steps, 2)).toEqual({ turn: 1, current: 2, reached: [1, 2], answered: false, skippedTools: false, waiting: false });
    expect(railAt(steps, 5)).toEqual({ turn: 1, current: 4, reached: [1, 2, 3, 4], answered: false, skippedTools: false, waiting: false });
    expect(railAt(steps, steps.length - 1)).toEqual(railAt(steps));
  });
});
