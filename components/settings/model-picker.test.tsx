import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mergeProviderModels, modelCatalogue, OTHER_PROVIDER_MODELS } from '@/lib/wire/models';
import { ModelPicker, type ProviderRefresh } from './model-picker';

const refresh = (over: Partial<ProviderRefresh> = {}): ProviderRefresh => ({ onRefresh: vi.fn(), refreshing: false, error: null, refreshed: null, ...over });

function picker({ value = 'gpt-4o', keyConfigured = true, providerIds = [] as string[], refreshing = refresh() } = {}) {
  const onChange = vi.fn();
  const models = mergeProviderModels(modelCatalogue(keyConfigured), providerIds.map((id) => ({ id })));
  render(<ModelPicker value={value} onChange={onChange} models={models} keyConfigured={keyConfigured} loadError={null} refresh={refreshing} />);
  return { onChange, box: screen.getByRole('combobox', { name: 'Model' }) };
}

describe('ModelPicker', () => {
  it('names the model in use while a search is typed', async () => {
    const user = userEvent.setup();
    const { box } = picker();
    await user.click(box);
    await user.keyboard('claude');
    expect(box).toHaveProperty('value', 'claude');
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    const description = document.getElementById(box.getAttribute('aria-describedby')!)!;
    expect(description.textContent).toBe('In use: GPT-4o · gpt-4o');
    await user.keyboard('{Escape}');
    expect(box).toHaveProperty('value', 'GPT-4o');
  });

  it("lists the provider's other models last, under their own heading, with function calling not known", async () => {
    const user = userEvent.setup();
    const { box, onChange } = picker({ providerIds: ['gpt-4o', 'o3-mini'] });
    await user.click(box);
    const others = screen.getByRole('group', { name: OTHER_PROVIDER_MODELS });
    expect(within(others).getAllByRole('option').map((o) => o.textContent)).toEqual(['o3-minio3-mini']);
    expect(others.textContent).toContain('whether they support function calling is not known');
    expect(screen.getAllByRole('group').at(-1)).toBe(others);
    await user.click(within(others).getByRole('option'));
    expect(onChange).toHaveBeenCalledWith('o3-mini');
  });

  it('offers "Refresh models" with a key and says what came of it; a failure says why', async () => {
    const user = userEvent.setup();
    const asked = refresh({ refreshed: { count: 6, leftOut: 2 } });
    picker({ providerIds: ['o3-mini'], refreshing: asked });
    await user.click(screen.getByRole('button', { name: 'Refresh models' }));
    expect(asked.onRefresh).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/The provider lists 6 models; one not known for function calling is listed last/).textContent).toContain('2 entries left out');
  });

  it('says why a refresh failed and that the list is kept', () => {
    picker({ refreshing: refresh({ error: '502 — The model provider failed (502).' }) });
    expect(screen.getByRole('status').textContent).toBe('Could not refresh the models: 502 — The model provider failed (502). The list is as it was.');
  });

  it('offers no refresh without a key, and warns that a custom id cannot be called', () => {
    picker({ value: 'my-model', keyConfigured: false });
    expect(screen.queryByRole('button', { name: 'Refresh models' })).toBeNull();
    const box = screen.getByRole('combobox', { name: 'Model' });
    const description = document.getElementById(box.getAttribute('aria-describedby')!)!;
    expect(description.textContent).toMatch(/^my-model needs AIML_API_KEY on the server/);
  });
});
