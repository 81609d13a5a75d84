import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ToolCallCard as Card } from '@/lib/conversation/state';
import { WEATHER_TOOL } from '@/lib/scenario/base';
import { ToolCallCard } from './tool-call-card';

const MOCK = '{"temperature": 22, "unit": "celsius"}';

function card(partial: Partial<Card>): Card {
  return {
    key: 'e1.0',
    index: 0,
    id: 'call_1',
    name: 'get_current_weather',
    arguments: '{"location":"Chicago"}',
    state: 'awaiting-result',
    result: MOCK,
    ...partial,
  };
}

function show(partial: Partial<Card>, resultSchema?: string) {
  const handlers = { onEdit: vi.fn(), onApprove: vi.fn(), onReject: vi.fn() };
  render(<ToolCallCard card={card(partial)} tools={[WEATHER_TOOL]} resultId="result-1" resultSchema={resultSchema} {...handlers} />);
  return { ...handlers, group: screen.getByRole('group', { name: 'Tool call get_current_weather' }) };
}

describe('a tool-call card', () => {
  it('while streaming: the arguments as they arrive, no result yet, nothing to approve', () => {
    const { group } = show({ state: 'streaming', arguments: '{"loca', id: '' });
    expect(group.textContent).toContain('Receiving…');
    expect(group.textContent).toContain('{"loca');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('awaiting a result: the mock prefilled, editable, Approve and Reject; the arguments checked against the schema', async () => {
    const user = userEvent.setup();
    const { onEdit, onApprove, onReject, group } = show({});
    expect(group.textContent).toContain('Awaiting result');
    expect(group.textContent).toContain('"location": "Chicago"'); // pretty-printed
    const result = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Result for get_current_weather' });
    expect(result.value).toBe(MOCK);
    expect(result.readOnly).toBe(false);
    expect(await screen.findByText('Arguments match the schema')).toBeTruthy();
    await user.type(result, '!');
    expect(onEdit).toHaveBeenLastCalledWith(`${MOCK}!`);
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    expect(onApprove).toHaveBeenCalledTimes(1);
    expect(onReject).toHaveBeenCalledTimes(1);
  });

  it('says in words what is wrong with the arguments', async () => {
    show({ arguments: '{"location": 7, "unit": "kelvin"}' });
    const problems = await screen.findByRole('list', { name: 'Argument problems' });
    expect(problems.textContent).toMatch(/location/);
    expect(problems.textContent).toMatch(/kelvin|celsius|fahrenheit/);
  });

  it('without a mock, says what to do', () => {
    show({ result: '' });
    expect(screen.getByText('No mock for get_current_weather: type what it returned, or Approve an empty result.')).toBeTruthy();
  });

  it('approved: the result that went back, read-only, no buttons', () => {
    const { group } = show({ state: 'approved', result: '{"temperature": 5}' });
    expect(group.textContent).toContain('Approved');
    expect(group.textContent).toContain('Result sent');
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Result for get_current_weather' }).readOnly).toBe(true);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('a rejected call says so', () => {
    expect(show({ state: 'rejected' }).group.textContent).toContain('Rejected');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('a call cut off with its stream says so, and offers no result', () => {
    const { group } = show({ state: 'incomplete', arguments: '{"loc' });
    expect(group.textContent).toContain('Incomplete');
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('the Result box has the id focus moves to', () => {
    show({});
    expect(screen.getByRole('textbox', { name: 'Result for get_current_weather' }).id).toBe('result-1');
  });

  it('long arguments and a long result show folded; Approve sends the result whole', async () => {
    const user = userEvent.setup();
    const long = 'aب'.repeat(15_000);
    const { onApprove, group } = show({ arguments: JSON.stringify({ location: long }), result: long });
    expect(group.textContent).toContain('Show all (30,020 characters)');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByRole('group', { name: 'Result for get_current_weather, 30,000 characters, folded' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(onApprove).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Edit the result' }));
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Result for get_current_weather' }).value).toBe(long);
  });

  it('names the mock that answered, and says when the result was changed since', () => {
    const rule = { kind: 'rule' as const, index: 1, label: 'location = Chicago', result: MOCK };
    const { group } = show({ mock: rule });
    expect(group.textContent).toContain('Answered by: Rule 2: location = Chicago');
    expect(group.textContent).not.toContain('edited since');
    cleanup();
    expect(show({ mock: rule, result: '{"t": 1}' }).group.textContent).toContain('Answered by: Rule 2: location = Chicago (edited since)');
    cleanup();
    expect(show({ mock: { kind: 'default', result: MOCK } }).group.textContent).toContain('Answered by: Default');
    cleanup();
    expect(show({ mock: { kind: 'fixed', result: MOCK } }).group.textContent).toContain('Answered by: Fixed result');
  });

  it('a JavaScript mock: running, then its result or its failure, in the card; the result box stays editable meanwhile', () => {
    show({ mock: { kind: 'javascript', status: 'running' }, result: '' });
    expect(screen.getByRole('status').textContent).toBe('Running the JavaScript mock…');
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Result for get_current_weather' }).readOnly).toBe(false);
    cleanup();
    show({ mock: { kind: 'javascript', status: 'failed', error: 'The JavaScript mock was stopped after 1 s.' }, result: '' });
    expect(screen.getByRole('status').textContent).toContain('The JavaScript mock was stopped after 1 s.');
    cleanup();
    expect(show({ mock: { kind: 'javascript', status: 'done', result: MOCK } }).group.textContent).toContain('Answered by: JavaScript mock');
  });

  it('warns before a result that is not JSON is sent, and still lets it be sent as text', async () => {
    const user = userEvent.setup();
    const { onApprove, group } = show({ result: 'Sunny, 22 degrees' });
    expect(group.textContent).toMatch(/This result is not valid JSON: .+; the model gets it as plain text\./);
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(onApprove).toHaveBeenCalledTimes(1);
    cleanup();
    expect(show({}).group.textContent).not.toContain('not valid JSON');
    cleanup();
    expect(show({ result: '' }).group.textContent).not.toContain('not valid JSON');
  });

  it("checks the result against its function's result schema, in words, like the arguments", async () => {
    const schema = '{"type": "object", "required": ["temperature", "humidity"], "properties": {"temperature": {"type": "integer"}}}';
    show({ result: '{"temperature": "warm"}' }, schema);
    const problems = await screen.findByRole('list', { name: 'Result problems' });
    expect(problems.textContent).toContain('Missing required "humidity"');
    expect(problems.textContent).toContain('"temperature" should be integer');
    cleanup();
    show({ result: '{"temperature": 22, "humidity": 40}' }, schema);
    expect(await screen.findByText('The result matches its schema')).toBeTruthy();
    cleanup();
    show({ result: '{"temperature": 22}' }, 'not a schema');
    expect((await screen.findByRole('list', { name: 'Result problems' })).textContent).toContain('The result schema is not valid JSON');
  });

  it('in Compare, approves or rejects the same call in every column that made it, beside Approve and Reject', async () => {
    const user = userEvent.setup();
    const all = { columns: 3, onApprove: vi.fn(), onReject: vi.fn() };
    const handlers = { onEdit: vi.fn(), onApprove: vi.fn(), onReject: vi.fn() };
    render(<ToolCallCard card={card({})} tools={[WEATHER_TOOL]} resultId="result-1" answerAll={all} {...handlers} />);
    await user.click(screen.getByRole('button', { name: 'Approve in all 3 columns' }));
    await user.click(screen.getByRole('button', { name: 'Reject in all 3 columns' }));
    expect([all.onApprove.mock.calls.length, all.onReject.mock.calls.length]).toEqual([1, 1]);
    expect(handlers.onApprove).not.toHaveBeenCalled();
    expect(handlers.onReject).not.toHaveBeenCalled();
    cleanup();
    render(<ToolCallCard card={card({ state: 'approved' })} tools={[WEATHER_TOOL]} resultId="result-1" answerAll={all} {...handlers} />);
    expect(screen.queryByRole('button', { name: /(Approve|Reject) in all/ })).toBeNull();
  });
});
