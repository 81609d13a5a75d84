import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlaygroundStoreProvider } from '@/components/playground/store-context';
import { cloneScenario, DEFAULT_SCENARIO } from '@/lib/scenario/base';
import { createPlaygroundStore } from '@/lib/store/playground-store';
import { loadSchemaEngine } from '@/lib/tools/schema-engine-loader';
import { applyEdit } from '@/lib/tools/tools-text';
import { QUICK_FIX_TITLES } from '@/lib/tool-formats/rules';
import { StrictSwitches } from './strict-switches';

const tool = (name: string, parameters: unknown, strict?: boolean) => ({ type: 'function', function: { name, parameters, ...(strict ? { strict } : {}) } });
const READY = { type: 'object', properties: { q: { type: 'string' } }, required: ['q'], additionalProperties: false };
const LOOSE = { type: 'object', properties: { q: { type: 'string' }, n: { type: 'integer' } } };

beforeAll(async () => {
  // The real lint, synchronously (the store's lintNow), as the page has it once Ajv is in.
  await loadSchemaEngine();
});

/** The switches over `tools`, the store's text as the editor would hold it; edits go through replaceTools. */
function show(tools: unknown[]) {
  const store = createPlaygroundStore({ ...cloneScenario(DEFAULT_SCENARIO), model: 'gpt-4o' });
  store.getState().replaceTools(JSON.stringify(tools, null, 2));
  const onEdit = (edit: Parameters<typeof applyEdit>[1]) => store.getState().replaceTools(applyEdit(store.getState().tools.text, edit));
  render(
    <PlaygroundStoreProvider store={store}>
      <StrictSwitches onEdit={onEdit} />
    </PlaygroundStoreProvider>,
  );
  return store;
}

const fnOf = (text: string, index: number) => (JSON.parse(text) as Array<{ function: Record<string, unknown> }>)[index].function;

describe('the Strict switches', () => {
  it('list a switch per tool in the "Strict mode: …" popover', async () => {
    const user = userEvent.setup();
    show([tool('search', READY), tool('count', LOOSE)]);
    await user.click(screen.getByRole('button', { name: 'Strict mode: 0 of 2 tools' }));
    const list = screen.getByRole('list', { name: 'Strict mode' });
    const switches = within(list).getAllByRole('switch');
    expect(switches.map((s) => (s as HTMLInputElement).checked)).toEqual([false, false]);
    expect(within(list).getByRole('switch', { name: 'Strict: search' })).toBeTruthy();
    expect(within(list).getByRole('switch', { name: 'Strict: count' })).toBeTruthy();
  });

  it('turning one on writes strict: true into that tool in the store\'s text', async () => {
    const user = userEvent.setup();
    const store = show([tool('search', READY), tool('count', LOOSE)]);
    await user.click(screen.getByRole('button', { name: 'Strict mode: 0 of 2 tools' }));
    await user.click(screen.getByRole('switch', { name: 'Strict: search' }));
    const text = store.getState().tools.text;
    expect(fnOf(text, 0).strict).toBe(true);
    expect(fnOf(text, 1)).not.toHaveProperty('strict');
    expect(screen.getByRole<HTMLInputElement>('switch', { name: 'Strict: search' }).checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Strict mode: 1 of 2 tools' })).toBeTruthy();
    // Already strict-compatible: nothing more to do.
    expect(screen.queryByText(/Still needs/)).toBeNull();
    expect(store.getState().tools.lint.errorCount).toBe(0);
    await user.click(screen.getByRole('switch', { name: 'Strict: search' }));
    expect(fnOf(store.getState().tools.text, 0)).not.toHaveProperty('strict');
  });

  it('a strict tool with problems shows "Still needs …" and the fix, which makes it compatible', async () => {
    const user = userEvent.setup();
    const store = show([tool('search', READY), tool('count', LOOSE, true)]);
    await user.click(screen.getByRole('button', { name: 'Strict mode: 1 of 2 tools' }));
    const item = screen.getByRole('switch', { name: 'Strict: count' }).closest('li')!;
    expect(within(item).getByText(/^Still needs \d+ changes?: count: strict mode needs/)).toBeTruthy();
    const other = screen.getByRole('switch', { name: 'Strict: search' }).closest('li')!;
    expect(within(other).queryByText(/Still needs/)).toBeNull();
    await user.click(within(item).getByRole('button', { name: QUICK_FIX_TITLES['make-strict'] }));
    const fn = fnOf(store.getState().tools.text, 1);
    expect(fn.strict).toBe(true);
    expect(fn.parameters).toMatchObject({ additionalProperties: false, required: ['q', 'n'] });
    expect(fnOf(store.getState().tools.text, 0)).toEqual(tool('search', READY).function);
    expect(screen.queryByText(/Still needs/)).toBeNull();
    expect(store.getState().tools.lint.errorCount).toBe(0);
  });

  it('shows nothing while the tools are not a JSON array', () => {
    const store = createPlaygroundStore(cloneScenario(DEFAULT_SCENARIO));
    store.getState().replaceTools('{"not": "an array"}');
    const { container } = render(
      <PlaygroundStoreProvider store={store}>
        <StrictSwitches onEdit={() => {}} />
      </PlaygroundStoreProvider>,
    );
    expect(container.textContent).toBe('');
  });
});
