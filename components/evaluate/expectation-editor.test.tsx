import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TurnExpectation } from '@/lib/evaluate/types';
import { WEATHER_TOOL } from '@/lib/scenario/base';
import { ExpectationEditor, type ExpectationEditorProps } from './expectation-editor';

function show(props: Partial<ExpectationEditorProps> = {}) {
  const handlers = { onSave: vi.fn(), onCancel: vi.fn(), onRemove: undefined as (() => void) | undefined };
  render(<ExpectationEditor initial={undefined} made={null} tools={[WEATHER_TOOL]} unavailable={null} {...handlers} {...props} />);
  return { ...handlers, form: screen.getByRole('form', { name: 'Expectations for this turn' }) };
}

describe('the expectation editor', () => {
  it('starts a turn with no answer from the first tool’s parameters, and saves the rules chosen', async () => {
    const user = userEvent.setup();
    const { onSave, form } = show();
    const call = within(form).getByRole('group', { name: 'Call 1: get_current_weather' });
    expect(within(call).getByRole<HTMLSelectElement>('combobox', { name: 'Function' }).value).toBe('get_current_weather');
    expect(within(form).getByText('Parallel calls match in any order.')).toBeTruthy();
    // The weather tool requires nothing, so each of its parameters starts as "may be left out".
    await user.click(within(call).getByRole('checkbox', { name: 'location may be left out' }));
    await user.selectOptions(within(call).getByRole('combobox', { name: 'Rule for location' }), 'one of');
    await user.click(within(call).getByRole('textbox', { name: 'Value for location' }));
    await user.paste('["Boston, MA", "Boston"]');
    await user.selectOptions(within(call).getByRole('combobox', { name: 'Rule for unit' }), 'must be absent');
    await user.click(within(form).getByRole('button', { name: 'The final answer mentions …' }));
    await user.type(within(form).getByRole('textbox', { name: 'The final answer mentions' }), 'Boston');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith({
      calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'one_of', values: ['Boston, MA', 'Boston'] }, unit: { kind: 'absent' } } }],
      answer_mentions: ['Boston'],
    } satisfies TurnExpectation);
  });

  it('says what does not parse, at its field, and keeps every keystroke', async () => {
    const user = userEvent.setup();
    const { onSave, form } = show();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rule for location' }), 'equals');
    const value = screen.getByRole<HTMLInputElement>('textbox', { name: 'Value for location' });
    await user.type(value, 'Boston, MA');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(within(form).getByRole('alert').textContent).toMatch(/Call 1, argument “location”: this is not JSON .*type a JSON value, e\.g\. "Boston, MA" or 3\./);
    expect(value.value).toBe('Boston, MA');
    expect(value.getAttribute('aria-invalid')).toBe('true');
    await user.clear(value);
    await user.type(value, '"Boston, MA"');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith({
      calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'equals', value: 'Boston, MA', optional: true }, unit: { kind: 'any', optional: true } } }],
    });
  });

  it('opened on an answered turn, expects what it did; “No tool call” expects nothing called', async () => {
    const user = userEvent.setup();
    const made = [{ name: 'get_current_weather', arguments: '{"location": "Chicago, IL", "unit": "celsius"}' }];
    const { onSave, form } = show({ made });
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Value for location' }).value).toBe('"Chicago, IL"');
    await user.click(within(form).getByRole('button', { name: 'Remove call 1' }));
    expect(within(form).queryByRole('group')).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Expect what it did' }));
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Value for unit' }).value).toBe('"celsius"');
    await user.click(within(form).getByRole('radio', { name: 'No tool call' }));
    expect(within(form).queryByRole('group')).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith({ calls: [] });
  });

  it('adds calls and arguments, refuses a call without a function, and Escape cancels', async () => {
    const user = userEvent.setup();
    const { onSave, onCancel, form } = show({ tools: [] });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('alert').textContent).toContain('Add the call this turn should make, or choose “No tool call”.');
    await user.click(within(form).getByRole('button', { name: 'Add call' }));
    const call = within(form).getByRole('group', { name: 'Call 1' });
    await user.click(within(call).getByRole('button', { name: 'Add argument' }));
    await user.type(within(call).getByRole('textbox', { name: 'Name of argument 1' }), 'q');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('alert').textContent).toContain('Call 1: choose its function.');
    expect(onSave).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalled();
  });

  it('edits an expectation it has, offers to remove it, and waits while a reply streams', async () => {
    const user = userEvent.setup();
    const initial: TurnExpectation = { calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'regex', pattern: '^Bos' } } }], answer_mentions: ['sun'] };
    const onRemove = vi.fn();
    const { onSave, form } = show({ initial, onRemove, unavailable: 'a reply is streaming — Stop it first' });
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Value for location' }).value).toBe('^Bos');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'The final answer mentions' }).value).toBe('sun');
    expect(within(form).getByText('Saving waits: a reply is streaming — Stop it first.')).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(onSave).not.toHaveBeenCalled();
    await user.click(within(form).getByRole('button', { name: 'Remove expectations' }));
    expect(onRemove).toHaveBeenCalled();
  });
});
