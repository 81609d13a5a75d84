import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DiffRow } from './diff-row';

afterEach(cleanup);

const call = (location: string, extra: Record<string, unknown> = {}, name = 'get_current_weather') => ({ name, arguments: JSON.stringify({ location, ...extra }) });
const LABELS = ['offline-simulator', 'offline-simulator-careless'];

describe('the diff row', () => {
  it('says when there are no calls yet, and when the columns agree (whatever the order of parallel calls)', () => {
    render(<DiffRow labels={LABELS} calls={[[], []]} />);
    expect(screen.getByRole('region', { name: 'Tool call differences' }).textContent).toMatch(/No tool calls in the latest turn yet/);
    cleanup();
    render(<DiffRow labels={LABELS} calls={[[call('New York'), call('Chicago')], [call('Chicago'), call('New York')]]} />);
    expect(screen.getByRole('region', { name: 'Tool call differences' }).textContent).toMatch(/made the same 2 calls/);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows each difference with what each column called, the differing arguments highlighted', () => {
    render(
      <DiffRow
        labels={LABELS}
        calls={[
          [call('New York', { unit: 'celsius' }), call('San Francisco'), call('Chicago')],
          [call('New York', { unit: 'kelvin' })],
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Differences by column' });
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Difference', ...LABELS]);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Argument unit of get_current_weather differs',
      'Not called by offline-simulator-careless: get_current_weather',
      'Not called by offline-simulator-careless: get_current_weather',
    ]);
    const marks = rows[0].querySelectorAll('mark');
    expect([...marks].map((mark) => mark.textContent)).toEqual(['unit: "celsius"', 'unit: "kelvin"']);
    expect(within(rows[0]).getAllByRole('cell')[0].textContent).toBe('get_current_weather(location: "New York", unit: "celsius")');
    expect(within(rows[1]).getAllByRole('cell')[1].textContent).toBe('no such call');
    expect(screen.getByRole('heading', { name: /3 differences/ })).toBeTruthy();
  });

  it('marks another function, and an argument one column left out', () => {
    render(<DiffRow labels={['a', 'b', 'c']} calls={[[call('Paris', { unit: 'celsius' })], [call('Paris')], [call('Paris', {}, 'get_forecast')]]} />);
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['Another function: a called get_current_weather, b called get_current_weather, c called get_forecast']);
    cleanup();
    render(<DiffRow labels={['a', 'b']} calls={[[call('Paris', { unit: 'celsius' })], [call('Paris')]]} />);
    const cells = within(screen.getByRole('table')).getAllByRole('cell');
    expect(cells[1].textContent).toBe('get_current_weather(location: "Paris")without unit');
  });
});
