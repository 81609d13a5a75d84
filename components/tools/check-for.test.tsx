import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PlaygroundStoreProvider } from '@/components/playground/store-context';
import { cloneScenario, DEFAULT_SCENARIO } from '@/lib/scenario/base';
import { createPlaygroundStore } from '@/lib/store/playground-store';
import { CheckFor } from './check-for';

function show(model: string) {
  const store = createPlaygroundStore({ ...cloneScenario(DEFAULT_SCENARIO), model }, { lintNow: () => ({ tools: [], problems: [], errorCount: 0 }) });
  render(
    <PlaygroundStoreProvider store={store}>
      <CheckFor />
    </PlaygroundStoreProvider>,
  );
  return store;
}

const box = (name: string) => screen.getByRole<HTMLInputElement>('checkbox', { name });

describe('Check for', () => {
  it('follows the model\'s provider by default', () => {
    show('gpt-4o');
    const button = screen.getByRole('button', { name: 'Check for: OpenAI' });
    expect(button.getAttribute('title')).toBe('Check for: OpenAI');
  });

  it('names another provider for its models, and plain JSON Schema for the simulator', () => {
    show('claude-3-5-sonnet-latest');
    expect(screen.getByRole('button', { name: 'Check for: Anthropic' })).toBeTruthy();
    show(DEFAULT_SCENARIO.model);
    expect(screen.getByRole('button', { name: 'Check for: JSON Schema only' })).toBeTruthy();
  });

  it('choosing Gemini sets settings.check_for, and "The models in use" goes back to the default', async () => {
    const user = userEvent.setup();
    const store = show('gpt-4o');
    await user.click(screen.getByRole('button', { name: 'Check for: OpenAI' }));
    expect(box('The models in use').checked).toBe(true);
    expect(box('OpenAI').checked).toBe(true);
    expect(box('Google Gemini').checked).toBe(false);
    await user.click(box('Google Gemini'));
    expect(store.getState().settings.check_for).toEqual(['openai', 'gemini']);
    expect(screen.getByRole('button', { name: 'Check for: OpenAI, Google Gemini' })).toBeTruthy();
    expect(box('The models in use').checked).toBe(false);
    await user.click(box('OpenAI'));
    expect(store.getState().settings.check_for).toEqual(['gemini']);
    expect(screen.getByRole('button', { name: 'Check for: Google Gemini' })).toBeTruthy();
    await user.click(box('The models in use'));
    expect(store.getState().settings.check_for).toBeUndefined();
    expect(screen.getByRole('button', { name: 'Check for: OpenAI' })).toBeTruthy();
  });

  it('unticking every provider leaves plain JSON Schema', async () => {
    const user = userEvent.setup();
    const store = show('gpt-4o');
    await user.click(screen.getByRole('button', { name: 'Check for: OpenAI' }));
    await user.click(box('OpenAI'));
    expect(store.getState().settings.check_for).toEqual([]);
    expect(screen.getByRole('button', { name: 'Check for: JSON Schema only' })).toBeTruthy();
  });
});
