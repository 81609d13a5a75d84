import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlaygroundStoreProvider } from '@/components/playground/store-context';
import type { McpServersResponse, McpTool } from '@/lib/mcp/types';
import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from '@/lib/scenario/base';
import { makeTestStore } from '@/lib/store/testing/test-store';
import type { PlaygroundStore } from '@/lib/store/playground-store';
import { ServerPolicy } from './server-policy';
import { ServersPanel } from './servers-panel';

const ECHO: McpTool = {
  name: 'echo',
  description: 'Echoes back the input',
  inputSchema: { type: 'object', properties: { message: { type: 'string', description: 'Message to echo' } }, required: ['message'] },
  annotations: { readOnlyHint: true },
};
const ADD: McpTool = {
  name: 'add',
  description: 'Adds two numbers',
  inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
};
const WIPE: McpTool = { name: 'wipe', description: 'Deletes everything', inputSchema: { type: 'object' }, annotations: { destructiveHint: true } };
const LIST: McpServersResponse = {
  servers: [
    { name: 'everything', transport: 'stdio', state: 'ready', tools: [ECHO, ADD, WIPE] },
    { name: 'remote', transport: 'http', state: 'failed', error: 'The server at http://127.0.0.1:9 refused the connection.', tools: [] },
  ],
};

function answering(body: unknown, status = 200) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    if (String(input) !== '/api/v1/mcp/servers') return Response.json({ error: { message: 'Not here.' } }, { status: 404 });
    return Response.json(body, { status });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

function show(ui: ReactNode, scenario: Scenario = cloneScenario(DEFAULT_SCENARIO)): { store: PlaygroundStore; container: HTMLElement } {
  const { store } = makeTestStore(scenario);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const { container } = render(
    <QueryClientProvider client={client}>
      <PlaygroundStoreProvider store={store}>{ui}</PlaygroundStoreProvider>
    </QueryClientProvider>,
  );
  return { store, container };
}

const withSettings = (over: Partial<Scenario>): Scenario => ({ ...cloneScenario(DEFAULT_SCENARIO), ...over });
const toolNames = (store: PlaygroundStore) => (JSON.parse(store.getState().tools.text) as Array<{ function: { name: string } }>).map((t) => t.function.name);

describe('the Servers panel', () => {
  it('lists each server with its transport, state and tools, and tells the store which there are', async () => {
    const fetchMock = answering(LIST);
    const { store } = show(<ServersPanel />);
    const region = await screen.findByRole('region', { name: 'Servers' });
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/mcp/servers', expect.anything());
    const tools = within(region).getByRole('list', { name: 'Tools of everything' });
    expect(within(tools).getAllByRole('listitem').map((li) => li.querySelector('.font-mono')?.textContent)).toEqual(['echo', 'add', 'wipe']);
    const echo = within(tools).getAllByRole('listitem')[0];
    expect(echo.textContent).toContain('read-only');
    expect(echo.textContent).toContain('Echoes back the input');
    expect(within(tools).getAllByRole('listitem')[2].textContent).toContain('destructive');
    expect(within(tools).getAllByRole('listitem')[1].textContent).not.toMatch(/read-only|destructive/);
    expect(within(region).getByText('ready')).toBeTruthy();
    expect(within(region).getByText('stdio')).toBeTruthy();
    expect(within(region).getByText('failed')).toBeTruthy();
    expect(within(region).getByText('Streamable HTTP')).toBeTruthy();
    expect(within(region).getByText('The server at http://127.0.0.1:9 refused the connection.')).toBeTruthy();
    expect(within(region).queryByRole('button', { name: 'Add all tools of remote' })).toBeNull();
    await waitFor(() => expect(store.getState().server.mcpServers).toEqual({ everything: ['echo', 'add', 'wipe'], remote: [] }));
  });

  it('"Add echo" appends the tool to the tools text and binds it to its server', async () => {
    answering(LIST);
    const user = userEvent.setup();
    const { store } = show(<ServersPanel />);
    await user.click(await screen.findByRole('button', { name: 'Add echo' }));
    // The import loads on the first Add.
    await waitFor(() => expect(toolNames(store)).toEqual(['get_current_weather', 'echo']));
    const tools = JSON.parse(store.getState().tools.text) as Array<{ function: { name: string; parameters?: unknown } }>;
    expect(tools[1].function.parameters).toMatchObject({ properties: { message: { type: 'string' } }, required: ['message'] });
    expect(store.getState().settings.mcp_bindings).toEqual({ echo: { server: 'everything', tool: 'echo' } });
    expect(store.getState().settings.tool_annotations).toEqual({ echo: { readOnlyHint: true } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('binds a tool added twice under the name it went in as, and "Add all" binds every tool', async () => {
    answering(LIST);
    const user = userEvent.setup();
    const { store } = show(<ServersPanel />);
    await user.click(await screen.findByRole('button', { name: 'Add echo' }));
    await waitFor(() => expect(toolNames(store)).toEqual(['get_current_weather', 'echo']));
    await user.click(screen.getByRole('button', { name: 'Add echo' }));
    await waitFor(() => expect(toolNames(store)).toEqual(['get_current_weather', 'echo', 'echo_2']));
    expect(store.getState().settings.mcp_bindings?.echo_2).toEqual({ server: 'everything', tool: 'echo' });
    await user.click(screen.getByRole('button', { name: 'Add all tools of everything' }));
    await waitFor(() => expect(toolNames(store).slice(3)).toEqual(['echo_3', 'add', 'wipe']));
    expect(store.getState().settings.mcp_bindings).toMatchObject({ add: { server: 'everything', tool: 'add' }, wipe: { server: 'everything', tool: 'wipe' } });
  });

  it('says why a tool could not be added when the tools text is not a list of tools, and binds nothing', async () => {
    answering(LIST);
    const user = userEvent.setup();
    const { store } = show(<ServersPanel />);
    act(() => store.getState().replaceTools('[{ not json'));
    await user.click(await screen.findByRole('button', { name: 'Add echo' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The tools are not valid JSON yet: fix the syntax first.');
    expect(store.getState().tools.text).toBe('[{ not json');
    expect(store.getState().settings.mcp_bindings).toBeUndefined();
  });

  it('says which tools of the scenario are served by a server this playground does not have', async () => {
    answering(LIST);
    show(
      <ServersPanel />,
      withSettings({ mcp_bindings: { echo: { server: 'everything', tool: 'echo' }, lookup: { server: 'elsewhere', tool: 'lookup' }, sum: { server: 'everything', tool: 'sum' } } }),
    );
    const region = await screen.findByRole('region', { name: 'Servers' });
    const note = await within(region).findByText(/which this playground’s server does not have/);
    expect(note.textContent).toBe('lookup and sum are served by “elsewhere” and “everything”, which this playground’s server does not have: their calls use the mocks.');
  });

  it('shows the note alone when the playground has no servers but the scenario has bindings', async () => {
    answering({ servers: [] });
    show(<ServersPanel />, withSettings({ mcp_bindings: { lookup: { server: 'elsewhere', tool: 'lookup' } } }));
    const note = await screen.findByText(/which this playground’s server does not have/);
    expect(note.textContent).toBe('lookup is served by “elsewhere”, which this playground’s server does not have: their calls use the mocks.');
  });

  it('renders nothing when there are no servers and no bindings', async () => {
    const fetchMock = answering({ servers: [] });
    const { store, container } = show(<ServersPanel />);
    await waitFor(() => expect(store.getState().server.mcpServers).toEqual({}));
    expect(fetchMock).toHaveBeenCalled();
    expect(container.innerHTML).toBe('');
    expect(screen.queryByRole('region', { name: 'Servers' })).toBeNull();
  });

  it('says why the servers could not be listed', async () => {
    answering({ error: { message: 'This playground needs its access token.', code: 'access_token_required' } }, 401);
    show(<ServersPanel />);
    expect((await screen.findByRole('alert')).textContent).toBe('The servers could not be listed: This playground needs its access token.');
  });
});

describe('ServerPolicy', () => {
  const bound = (over: Partial<Scenario> = {}) => withSettings({ mcp_bindings: { echo: { server: 'everything', tool: 'echo' } }, ...over });
  const select = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'When the model calls echo' });
  const options = () => within(select()).getAllByRole('option').map((o) => o.textContent);

  it('renders nothing for a function no server runs', () => {
    const { container } = show(<ServerPolicy name="get_current_weather" />, bound());
    expect(container.innerHTML).toBe('');
  });

  it('offers no "Run without asking" for a tool not marked read-only, until the person allows it', async () => {
    const user = userEvent.setup();
    const { store } = show(<ServerPolicy name="echo" />, bound());
    expect(screen.getByText(/Runs on the MCP server/).textContent).toBe('Runs on the MCP server everything (tool echo).');
    expect(options()).toEqual(['Ask every time', 'Never run (mock only)']);
    expect(select().value).toBe('ask');
    await user.click(screen.getByRole('checkbox', { name: /Allow running echo without asking/ }));
    expect(options()).toEqual(['Ask every time', 'Run without asking', 'Never run (mock only)']);
    await user.selectOptions(select(), 'Run without asking');
    expect(store.getState().settings.mcp_policies).toEqual({ echo: 'auto' });
    // Taking the permission back goes back to asking.
    await user.click(screen.getByRole('checkbox', { name: /Allow running echo without asking/ }));
    expect(store.getState().settings.mcp_policies).toBeUndefined();
    expect(options()).toEqual(['Ask every time', 'Never run (mock only)']);
  });

  it('offers "Run without asking" at once for a tool annotated readOnlyHint, with no checkbox', async () => {
    const user = userEvent.setup();
    const { store } = show(<ServerPolicy name="echo" />, bound({ tool_annotations: { echo: { readOnlyHint: true } } }));
    expect(screen.getByText(/Runs on the MCP server/).textContent).toContain(', marked read-only.');
    expect(options()).toEqual(['Ask every time', 'Run without asking', 'Never run (mock only)']);
    expect(screen.queryByRole('checkbox')).toBeNull();
    await user.selectOptions(select(), 'Never run (mock only)');
    expect(store.getState().settings.mcp_policies).toEqual({ echo: 'never' });
    await user.selectOptions(select(), 'Ask every time');
    expect(store.getState().settings.mcp_policies).toBeUndefined();
  });

  it('shows a saved "Run without asking" of a tool not marked read-only as chosen and allowed', () => {
    show(<ServerPolicy name="echo" />, bound({ mcp_policies: { echo: 'auto' } }));
    expect(select().value).toBe('auto');
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /Allow running echo without asking/ }).checked).toBe(true);
  });

  it('shows "Run without asking" when another scenario with that policy is opened while shown', () => {
    const { store } = show(<ServerPolicy name="echo" />, bound());
    act(() => store.getState().open({ scenario: bound({ mcp_policies: { echo: 'auto' } }) }));
    expect(store.getState().settings.mcp_policies).toEqual({ echo: 'auto' });
    expect(select().value).toBe('auto');
  });
});
