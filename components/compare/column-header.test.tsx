import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChecksVerdict, TurnSummary } from '@/lib/compare/turn';
import { ColumnHeader } from './column-header';

afterEach(cleanup);

const TURN: TurnSummary = {
  calls: [],
  answer: null,
  modelCalls: [{} as TurnSummary['modelCalls'][number]],
  streaming: false,
  firstTokenMs: 120,
  totalMs: 1_450,
  tokens: 1_234,
  cost: { kind: 'priced', usd: 0.00042 },
};

function show(props: { turn?: TurnSummary; checks?: ChecksVerdict; expectations?: Parameters<typeof ColumnHeader>[0]['expectations']; closeProblem?: string | null; removeProblem?: string | null }) {
  const handlers = { onContinue: vi.fn(), onRemove: vi.fn() };
  render(
    <section aria-label="gpt-4o">
      <ColumnHeader
        model="gpt-4o"
        picker={<span>picker</span>}
        turn={props.turn ?? TURN}
        checks={props.checks ?? { kind: 'pass', total: 3 }}
        expectations={props.expectations ?? null}
        inspected={false}
        closeProblem={props.closeProblem ?? null}
        removeProblem={props.removeProblem ?? null}
        {...handlers}
      />
    </section>,
  );
  return handlers;
}

describe('a model column header', () => {
  it("shows the latest turn's TTFT, total, tokens and cost, and that every call's arguments pass", () => {
    show({});
    expect(screen.getByLabelText('Latest turn').textContent).toBe('TTFT 120 ms · total 1.45 s · 1,234 tokens · $0.00042');
    expect(screen.getByText(/all 3 calls pass/)).toBeTruthy();
  });

  it('says nothing was sent yet, a turn still streaming, free and unknown costs', () => {
    show({ turn: { ...TURN, modelCalls: [] } });
    expect(screen.getByLabelText('Latest turn').textContent).toBe('Nothing sent yet');
    cleanup();
    show({ turn: { ...TURN, streaming: true, tokens: null, cost: { kind: 'free' } } });
    expect(screen.getByLabelText('Latest turn').textContent).toBe('TTFT 120 ms · streaming… · tokens unknown · free');
    cleanup();
    show({ turn: { ...TURN, cost: { kind: 'unknown' } } });
    expect(screen.getByLabelText('Latest turn').textContent).toMatch(/cost unknown$/);
  });

  it('names each failed argument check, by call', async () => {
    show({ checks: { kind: 'fail', total: 3, failed: [{ name: 'get_current_weather', problems: ['Missing required "location"', 'unit: must be one of "celsius", "fahrenheit"'] }] } });
    await userEvent.setup().click(screen.getByText(/1 of 3 calls fail/));
    const problems = screen.getByRole('list', { name: 'Argument problems of this column' });
    expect(within(problems).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'get_current_weather: Missing required "location"',
      'get_current_weather: unit: must be one of "celsius", "fahrenheit"',
    ]);
  });

  it("shows the turn's expectations: met, met so far (answer pending), or not met and why", () => {
    show({ expectations: { pass: true, reasons: [], matched: [0] } });
    expect(screen.getByText('✓ Expectations met')).toBeTruthy();
    cleanup();
    show({ expectations: { pass: true, pending: true, reasons: ['Pending: the final answer has not come yet'], matched: [0] } });
    expect(screen.getByText('Expectations: met so far')).toBeTruthy();
    cleanup();
    show({ expectations: { pass: false, reasons: ['get_current_weather: unit should be "celsius"', 'Pending: the answer'], matched: [null] } });
    expect(screen.getByText('✗ Expectations not met (1)')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Unmet expectations of this column' })).getAllByRole('listitem')).toHaveLength(1);
  });

  it('offers Continue with this one and Remove, and says why not while a reply streams or at two columns', async () => {
    const user = userEvent.setup();
    const { onContinue, onRemove } = show({});
    await user.click(screen.getByRole('button', { name: 'Continue with this one' }));
    await user.click(screen.getByRole('button', { name: 'Remove the column of gpt-4o' }));
    expect(onContinue).toHaveBeenCalledTimes(1);
    expect(onRemove).toHaveBeenCalledTimes(1);
    cleanup();
    show({ removeProblem: 'Compare needs 2 columns' });
    const remove = screen.getByRole<HTMLButtonElement>('button', { name: 'Remove the column of gpt-4o' });
    expect(remove.disabled).toBe(true);
    expect(remove.title).toBe('Compare needs 2 columns');
    cleanup();
    show({ closeProblem: 'a reply is streaming — Stop it first' });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Continue with this one' }).disabled).toBe(true);
  });
});
