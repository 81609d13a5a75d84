import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PlaygroundStoreProvider } from '@/components/playground/store-context';
import { cloneScenario, DEFAULT_SCENARIO, WEATHER_TOOL } from '@/lib/scenario/base';
import { createPlaygroundStore } from '@/lib/store/playground-store';
import { ImportToolsDialog } from './import-dialog';

beforeAll(() => {
  // jsdom has <dialog> without its modal methods.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
});

const OUTPUT_SCHEMA = { type: 'object', properties: { hits: { type: 'array', items: { type: 'string' } } } };
const SEARCH = {
  name: 'search_docs',
  title: 'Search the docs',
  description: 'Full-text search over the documentation',
  inputSchema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
  outputSchema: OUTPUT_SCHEMA,
  annotations: { readOnlyHint: true, openWorldHint: false },
};
const FETCH = { name: 'fetch_page', description: 'Fetch a page', inputSchema: { type: 'object', properties: { url: { type: 'string' } } } };
const TOOLS_LIST = { jsonrpc: '2.0', id: 1, result: { tools: [SEARCH, FETCH] } };

function show() {
  const store = createPlaygroundStore(cloneScenario(DEFAULT_SCENARIO), { lintNow: (text) => ({ tools: JSON.parse(text), problems: [], errorCount: 0 }) });
  const onClose = vi.fn();
  render(
    <PlaygroundStoreProvider store={store}>
      <ImportToolsDialog onClose={onClose} />
    </PlaygroundStoreProvider>,
  );
  return { store, onClose };
}

const paste = (value: string) => fireEvent.change(screen.getByRole('textbox', { name: 'Tools to import (JSON or YAML)' }), { target: { value } });
const report = () => screen.getByRole('region', { name: 'Import report' });
const names = (text: string) => (JSON.parse(text) as Array<{ function: { name: string } }>).map((t) => t.function.name);

describe('the Import tools dialog', () => {
  it('starts empty, with the buttons disabled', () => {
    show();
    expect(within(report()).getByText(/what would be imported shows here/)).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Add to the tools' }).disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Replace the tools' }).disabled).toBe(true);
  });

  it('lists the tools of a pasted MCP tools/list and what changed', async () => {
    show();
    paste(JSON.stringify(TOOLS_LIST, null, 2));
    expect(await within(report()).findByText('search_docs, fetch_page')).toBeTruthy();
    expect(report().textContent).toMatch(/^2 tools from .*MCP/);
    const changes = within(report()).getByRole('list', { name: 'Changes' });
    expect(within(changes).getByText('search_docs')).toBeTruthy();
    expect(changes.textContent).toMatch(/title/);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Add to the tools' }).disabled).toBe(false);
  });

  it('"Add to the tools" appends them, keeping the output schema and the annotations in the settings', async () => {
    const user = userEvent.setup();
    const { store, onClose } = show();
    paste(JSON.stringify(TOOLS_LIST));
    await within(report()).findByText('search_docs, fetch_page');
    await user.click(screen.getByRole('button', { name: 'Add to the tools' }));
    const text = store.getState().tools.text;
    expect(names(text)).toEqual([WEATHER_TOOL.function.name, 'search_docs', 'fetch_page']);
    const imported = (JSON.parse(text) as Array<{ function: Record<string, unknown> }>)[1].function;
    expect(imported).toMatchObject({ name: 'search_docs', description: SEARCH.description, parameters: SEARCH.inputSchema });
    const { settings } = store.getState();
    expect(JSON.parse(settings.result_schemas.search_docs)).toEqual(OUTPUT_SCHEMA);
    expect(settings.result_schemas).not.toHaveProperty('fetch_page');
    expect(settings.tool_annotations).toEqual({ search_docs: SEARCH.annotations });
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('"Replace the tools" puts them in place of the current ones', async () => {
    const user = userEvent.setup();
    const { store } = show();
    store.getState().patchSettings({ tool_annotations: { gone: { readOnlyHint: true } } });
    paste(JSON.stringify({ tools: [FETCH] }));
    await within(report()).findByText('fetch_page');
    await user.click(screen.getByRole('button', { name: 'Replace the tools' }));
    expect(names(store.getState().tools.text)).toEqual(['fetch_page']);
    expect(store.getState().settings.tool_annotations).toBeUndefined();
  });

  it('an invalid paste shows the error and disables the buttons', async () => {
    show();
    paste('{"tools": [');
    await within(report()).findByText(/.+/, { selector: 'p.text-rose-700' });
    expect(report().textContent).not.toMatch(/tools? from/);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Add to the tools' }).disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Replace the tools' }).disabled).toBe(true);
    paste(JSON.stringify({ jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'no' } }));
    expect(await within(report()).findByText('This JSON-RPC response is an error, not a tools/list result: no tools to import.')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Add to the tools' }).disabled).toBe(true);
  });

  // A name already in the editor is numbered; the result schema and annotations go with the renamed tool.
  it('keeps the output schema with the renamed tool when a name clashes', async () => {
    const user = userEvent.setup();
    const { store } = show();
    paste(JSON.stringify({ tools: [{ ...SEARCH, name: WEATHER_TOOL.function.name }] }));
    await within(report()).findByText(/^1 tool from/);
    await user.click(screen.getByRole('button', { name: 'Add to the tools' }));
    expect(names(store.getState().tools.text)).toEqual([WEATHER_TOOL.function.name, `${WEATHER_TOOL.function.name}_2`]);
    expect(Object.keys(store.getState().settings.result_schemas)).toEqual([`${WEATHER_TOOL.function.name}_2`]);
  });
});
