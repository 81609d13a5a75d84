import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ResponseFormat } from '@/lib/wire/chat';
import { loadedSchemaEngine } from '@/lib/tools/schema-engine-loader';
import { ReasoningFold, ResponseFormatVerdict } from './answer-extras';

const WEATHER_FORMAT: ResponseFormat = {
  type: 'json_schema',
  json_schema: {
    name: 'weather',
    strict: true,
    schema: { type: 'object', properties: { temperature: { type: 'number' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['temperature', 'unit'], additionalProperties: false },
  },
};

describe('ReasoningFold', () => {
  it('shows the reasoning folded, with its length, and unfolds on a click', async () => {
    const user = userEvent.setup();
    const text = 'The user asks about New York. I should call the weather tool.';
    const { container } = render(<ReasoningFold text={text} streaming={false} />);
    const details = container.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(screen.getByText('Reasoning')).toBeTruthy();
    expect(details.querySelector('summary')!.textContent).toBe(`Reasoning (${text.length} characters)`);
    expect(within(details).getByText(text)).toBeTruthy();
    await user.click(screen.getByText('Reasoning'));
    expect(details.open).toBe(true);
  });

  it('is open while the model is still thinking, and says so', () => {
    const { container } = render(<ReasoningFold text={'x'.repeat(1234)} streaming />);
    const details = container.querySelector('details')!;
    expect(details.open).toBe(true);
    expect(details.querySelector('summary')!.textContent).toBe('Reasoning (1,234 characters, thinking…)');
  });
});

/** The problems listed under the answer, once the check has run. */
async function problems(): Promise<string[]> {
  const list = await screen.findByRole('list', { name: 'Response format problems' });
  return within(list)
    .getAllByRole('listitem')
    .map((li) => (li.textContent ?? '').replace(/^⚠\s*/, ''));
}

describe('ResponseFormatVerdict', () => {
  // First in this file: the engine is not loaded yet, so the verdict waits for it.
  it('shows ✓ for an answer that matches the json_schema, once the schema engine has loaded', async () => {
    expect(loadedSchemaEngine()).toBeNull();
    const { container } = render(<ResponseFormatVerdict content='{"temperature": 22, "unit": "celsius"}' format={WEATHER_FORMAT} />);
    expect(container.textContent).toBe('');
    const verdict = await screen.findByText('The answer matches the schema "weather"');
    expect(verdict.closest('p')!.textContent).toBe('✓ The answer matches the schema "weather"');
    expect(screen.queryByRole('list', { name: 'Response format problems' })).toBeNull();
  });

  it('lists the problems of an answer that does not match, and no ✓', async () => {
    render(<ResponseFormatVerdict content='{"temperature": "hot", "unit": "kelvin"}' format={WEATHER_FORMAT} />);
    const items = await problems();
    expect(items.some((item) => /temperature/.test(item))).toBe(true);
    expect(items.some((item) => /unit/.test(item))).toBe(true);
    expect(screen.queryByText(/✓/)).toBeNull();
  });

  it('says when the answer is not JSON at all', async () => {
    render(<ResponseFormatVerdict content="It is sunny." format={WEATHER_FORMAT} />);
    expect((await problems())[0]).toMatch(/^The answer is not JSON: /);
  });

  it('lists each problem once', async () => {
    render(<ResponseFormatVerdict content="[1, 2]" format={{ type: 'json_object' }} />);
    expect(await problems()).toEqual(['The answer is JSON but not an object (it is an array)']);
  });

  it('shows nothing for plain text, no format, or no text', () => {
    const { container } = render(
      <>
        <ResponseFormatVerdict content="Hello" format={{ type: 'text' }} />
        <ResponseFormatVerdict content="Hello" format={undefined} />
        <ResponseFormatVerdict content={null} format={WEATHER_FORMAT} />
      </>,
    );
    expect(container.textContent).toBe('');
  });

  it('checks json_object answers without a schema', async () => {
    render(<ResponseFormatVerdict content="[1, 2]" format={{ type: 'json_object' }} />);
    expect(new Set(await problems())).toEqual(new Set(['The answer is JSON but not an object (it is an array)']));
  });
});
