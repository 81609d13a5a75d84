import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Mocks } from '@/lib/mocks/mock';
import { WEATHER_RULES } from '@/lib/scenario/base';
import { convertMock, MocksPanel } from './mocks-panel';

const NAME = 'get_current_weather';

/** The panel with its own state, as the store would hold it; `latest` is what it last reported. */
function show(initial: Mocks, names = [NAME]) {
  const latest: { mocks: Mocks; schemas: Record<string, string> } = { mocks: initial, schemas: {} };
  function Harness() {
    const [mocks, setMocks] = useState(initial);
    const [schemas, setSchemas] = useState<Record<string, string>>({});
    latest.mocks = mocks;
    latest.schemas = schemas;
    return <MocksPanel functionNames={names} mocks={mocks} resultSchemas={schemas} onChange={setMocks} onSchemasChange={setSchemas} />;
  }
  render(<Harness />);
  return latest;
}

describe('the Mocks panel', () => {
  it('shows the weather rules: each condition and result, and the default, by name', () => {
    show({ [NAME]: WEATHER_RULES });
    const kinds = screen.getByRole('radiogroup', { name: `Kind of mock for ${NAME}` });
    expect(within(kinds).getAllByRole('radio').map((radio) => [radio.getAttribute('value'), (radio as HTMLInputElement).checked])).toEqual([
      ['fixed', false],
      ['rules', true],
      ['javascript', false],
      ['ask', false],
    ]);
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: `When (rule 3 for ${NAME})` }).value).toBe('{"location": "Chicago"}');
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: `Result (rule 1 for ${NAME})` }).value).toBe(WEATHER_RULES.rules[0].result);
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: `Default of the rules for ${NAME}` }).value).toBe(WEATHER_RULES.default);
  });

  it('adds, edits and removes rules; a condition that is not a JSON object is pointed out', async () => {
    const user = userEvent.setup();
    const latest = show({ [NAME]: { kind: 'rules', rules: [], default: '' } });
    await user.click(screen.getByRole('button', { name: `Add a rule for ${NAME}` }));
    const when = screen.getByRole('textbox', { name: `When (rule 1 for ${NAME})` });
    await user.clear(when);
    await user.type(when, '[[1]');
    expect(screen.getByText(/This condition must be a JSON object.*so the rule never answers/)).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: `Result (rule 1 for ${NAME})` }), 'ok');
    expect(latest.mocks[NAME]).toEqual({ kind: 'rules', rules: [{ when: '[1]', result: 'ok' }], default: '' });
    await user.click(screen.getByRole('button', { name: `Remove rule 1 for ${NAME}` }));
    expect(latest.mocks[NAME]).toEqual({ kind: 'rules', rules: [], default: '' });
  });

  it('switching the kind carries what was typed over, and brings back what a kind held before', async () => {
    const user = userEvent.setup();
    const latest = show({ [NAME]: { kind: 'fixed', result: '{"t": 1}' } });
    const kinds = within(screen.getByRole('radiogroup', { name: `Kind of mock for ${NAME}` }));
    const choose = (label: string) => user.click(kinds.getByRole('radio', { name: label }));
    await choose('Rules');
    expect(latest.mocks[NAME]).toEqual({ kind: 'rules', rules: [], default: '{"t": 1}' });
    await choose('JavaScript');
    expect(latest.mocks[NAME]).toEqual({ kind: 'javascript', source: '(args, call) => ({"t": 1})' });
    expect(screen.getByRole('textbox', { name: `JavaScript mock for ${NAME}` })).toBeTruthy();
    await choose('Ask me');
    expect(latest.mocks[NAME]).toEqual({ kind: 'ask' });
    expect(screen.getByText(`Each call of ${NAME} waits for you to type its result.`)).toBeTruthy();
    await choose('Fixed result');
    expect(latest.mocks[NAME]).toEqual({ kind: 'fixed', result: '{"t": 1}' });
    expect(convertMock({ kind: 'fixed', result: 'plain "text"' }, 'javascript')).toEqual({ kind: 'javascript', source: '(args, call) => ("plain \\"text\\"")' });
  });

  it('keeps a result schema per function, and says when it is not a JSON object', async () => {
    const user = userEvent.setup();
    const latest = show({});
    await user.click(screen.getByText('Result schema (optional)'));
    await user.type(screen.getByRole('textbox', { name: `Result schema for ${NAME}` }), '[[]');
    expect(screen.getByText('This schema must be a JSON object (a JSON Schema): results are not checked.')).toBeTruthy();
    expect(latest.schemas).toEqual({ [NAME]: '[]' });
  });

  it('a mock for a name no tool has can be removed, `__proto__` too', async () => {
    const user = userEvent.setup();
    const latest = show(JSON.parse('{"__proto__": {"kind": "fixed", "result": "x"}}'), []);
    expect(screen.getByText('no tool has this name')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove the mock for __proto__' }));
    expect(Object.keys(latest.mocks)).toEqual([]);
  });
});
