import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { McpCallResult, McpProgress } from '@/lib/mcp/types';
import type { McpPolicy } from '@/lib/scenario/base';
import { MAIN_CONVERSATION, type PlaygroundStore } from './playground-store';
import { serverRunFor, type RunMcpTool } from './server-runs';
import { flush, makeTestStore, resetTestRequestIds, type HeldCall } from './testing/test-store';

type RunOptions = Parameters<RunMcpTool>[3];

/** One run the fake MCP client holds until the test answers it. */
interface HeldRun {
  server: string;
  tool: string;
  args: Record<string, unknown>;
  options: RunOptions;
  resolve: (result: McpCallResult) => void;
  reject: (error: unknown) => void;
}

function fakeMcp() {
  const runs: HeldRun[] = [];
  const runMcpTool = vi.fn<RunMcpTool>(
    (server, tool, args, options) =>
      new Promise<McpCallResult>((resolve, reject) => {
        // As fetch does: an abort rejects with an AbortError.
        options.signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
        runs.push({ server, tool, args, options, resolve, reject });
      }),
  );
  return { runs, runMcpTool };
}

const OK: McpCallResult = { content: [{ type: 'text', text: 'Echo: hi' }], isError: false, durationMs: 4 };
const FAILED: McpCallResult = { content: [{ type: 'text', text: 'Error: too loud' }], isError: true, durationMs: 2 };

function setup({ policy, servers = { everything: ['echo'] } }: { policy?: McpPolicy; servers?: Record<string, string[]> | null } = {}) {
  const mcp = fakeMcp();
  const { store, server } = makeTestStore(undefined, { runMcpTool: mcp.runMcpTool });
  store.getState().patchSettings({
    mcp_bindings: { echo: { server: 'everything', tool: 'echo' } },
    ...(policy ? { mcp_policies: { echo: policy } } : {}),
    mocks: { ...store.getState().settings.mocks, echo: { kind: 'fixed', result: '{"mocked": true}' } },
  });
  if (servers) store.getState().setMcpServers(servers);
  return { store, server, mcp };
}

/** The model calls echo with these arguments. */
async function callEcho(store: PlaygroundStore, call: HeldCall, args = '{"message":"hi"}') {
  call.reply({ tool_calls: [{ index: 0, id: 'call_echo', type: 'function', function: { name: 'echo', arguments: args } }] });
  await flush();
}

const card = (store: PlaygroundStore) => store.getState().conversations[MAIN_CONVERSATION].state.entries.flatMap((e) => (e.kind === 'assistant' ? e.toolCalls : []))[0];

async function askedToEcho(options: Parameters<typeof setup>[0] = {}, args?: string) {
  const made = setup(options);
  made.store.getState().patchSettings({ draft: 'Echo hi' });
  expect(made.store.getState().send()).toBe(true);
  await callEcho(made.store, made.server.calls[0], args);
  return made;
}

beforeEach(() => resetTestRequestIds());

describe('runs on an MCP server, through the store', () => {
  it('runs the call with its parsed arguments and an AbortSignal, shows it running, and puts the result in the Result box', async () => {
    const { store, mcp, server } = await askedToEcho();
    const c = card(store);
    expect(c).toMatchObject({ name: 'echo', state: 'awaiting-result', result: '{"mocked": true}' });
    expect(store.getState().runOnServer(MAIN_CONVERSATION, c.key)).toBe(true);
    expect(mcp.runMcpTool).toHaveBeenCalledTimes(1);
    const [run] = mcp.runs;
    expect(run).toMatchObject({ server: 'everything', tool: 'echo', args: { message: 'hi' } });
    expect(run.options.signal).toBeInstanceOf(AbortSignal);
    expect(run.options.signal.aborted).toBe(false);
    expect(card(store).run).toEqual({ server: 'everything', status: 'running' });

    const progress: McpProgress = { progress: 1, total: 2, message: 'half way' };
    run.options.onProgress(progress);
    expect(card(store).run?.progress).toEqual(progress);

    run.resolve(OK);
    await flush();
    expect(card(store)).toMatchObject({ state: 'awaiting-result', result: 'Echo: hi', mock: null, run: { status: 'done', result: OK } });
    // "ask": the person sends it.
    expect(server.calls).toHaveLength(1);
    store.getState().approve(MAIN_CONVERSATION, card(store).key);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1].body.messages.at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_echo', content: 'Echo: hi' });
  });

  it('runs the arguments as the person edited them', async () => {
    const { store, mcp } = await askedToEcho();
    expect(store.getState().editCallArguments(MAIN_CONVERSATION, card(store).key, '{"message":"edited"}')).toBe(true);
    store.getState().runOnServer(MAIN_CONVERSATION, card(store).key);
    expect(mcp.runs[0].args).toEqual({ message: 'edited' });
  });

  it('starts one run however often Run is pressed while it runs', async () => {
    const { store, mcp } = await askedToEcho();
    expect(store.getState().runOnServer(MAIN_CONVERSATION, card(store).key)).toBe(true);
    expect(store.getState().runOnServer(MAIN_CONVERSATION, card(store).key)).toBe(false);
    expect(mcp.runMcpTool).toHaveBeenCalledTimes(1);
  });

  it('cancels: the signal aborts and the card says cancelled, keeping the mock’s result', async () => {
    const { store, mcp } = await askedToEcho();
    store.getState().runOnServer(MAIN_CONVERSATION, card(store).key);
    store.getState().cancelServerRun(MAIN_CONVERSATION, card(store).key);
    expect(mcp.runs[0].options.signal.aborted).toBe(true);
    await flush();
    expect(card(store).run).toMatchObject({ server: 'everything', status: 'cancelled', error: expect.stringMatching(/^Cancelled/) });
    expect(card(store).result).toBe('{"mocked": true}');
    // It can be run again.
    expect(store.getState().runOnServer(MAIN_CONVERSATION, card(store).key)).toBe(true);
    expect(mcp.runMcpTool).toHaveBeenCalledTimes(2);
  });

  it('shows why a run failed (the error’s message), not as cancelled', async () => {
    const { store, mcp } = await askedToEcho();
    store.getState().runOnServer(MAIN_CONVERSATION, card(store).key);
    mcp.runs[0].reject(new Error('The MCP server "everything" stopped during the call.'));
    await flush();
    expect(card(store).run).toEqual({ server: 'everything', status: 'failed', error: 'The MCP server "everything" stopped during the call.' });
  });

  it('does not run with policy "never"', async () => {
    const { store, mcp } = await askedToEcho({ policy: 'never' });
    expect(store.getState().runOnServer(MAIN_CONVERSATION, card(store).key)).toBe(false);
    expect(mcp.runMcpTool).not.toHaveBeenCalled();
    expect(card(store).run).toBeUndefined();
  });

  it('does not run arguments that are not a JSON object, nor a call of an unknown key', async () => {
    const { store, mcp } = await askedToEcho({}, '["hi"]');
    expect(store.getState().runOnServer(MAIN_CONVERSATION, card(store).key)).toBe(false);
    expect(store.getState().runOnServer(MAIN_CONVERSATION, 'e9.9')).toBe(false);
    expect(store.getState().runOnServer('no-such-column', card(store).key)).toBe(false);
    expect(mcp.runMcpTool).not.toHaveBeenCalled();
  });

  it('with policy "auto", runs with no action and sends the result when it succeeds', async () => {
    const { store, mcp, server } = await askedToEcho({ policy: 'auto' });
    expect(mcp.runMcpTool).toHaveBeenCalledTimes(1);
    expect(card(store).run?.status).toBe('running');
    mcp.runs[0].resolve(OK);
    await flush();
    expect(card(store)).toMatchObject({ state: 'approved', result: 'Echo: hi', run: { status: 'done' } });
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1].body.messages.at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_echo', content: 'Echo: hi' });
  });

  it('with policy "auto", does not send a result the tool reported as an error, nor run it again by itself', async () => {
    const { store, mcp, server } = await askedToEcho({ policy: 'auto' });
    mcp.runs[0].resolve(FAILED);
    await flush();
    expect(card(store)).toMatchObject({ state: 'awaiting-result', result: 'Error: too loud', run: { status: 'failed', result: FAILED } });
    expect(server.calls).toHaveLength(1);
    store.getState().editResult(MAIN_CONVERSATION, card(store).key, 'typed');
    store.getState().setMcpServers({ everything: ['echo'] });
    expect(mcp.runMcpTool).toHaveBeenCalledTimes(1);
  });

  it('with policy "auto", a failed run is not approved', async () => {
    const { store, mcp, server } = await askedToEcho({ policy: 'auto' });
    mcp.runs[0].reject(new Error('timeout'));
    await flush();
    expect(card(store)).toMatchObject({ state: 'awaiting-result', run: { status: 'failed', error: 'timeout' } });
    expect(server.calls).toHaveLength(1);
  });

  it('with policy "auto", runs a waiting call once the servers are listed', async () => {
    const { store, mcp } = await askedToEcho({ policy: 'auto', servers: null });
    expect(mcp.runMcpTool).not.toHaveBeenCalled();
    store.getState().setMcpServers({ everything: ['echo'] });
    expect(mcp.runMcpTool).toHaveBeenCalledTimes(1);
    expect(card(store).run?.status).toBe('running');
  });

  it('does not run on a server the playground’s server does not list, or one without the tool', async () => {
    const { store, mcp } = await askedToEcho({ servers: { other: ['echo'] } });
    expect(serverRunFor(store.getState(), 'echo')).toBeNull();
    expect(store.getState().runOnServer(MAIN_CONVERSATION, card(store).key)).toBe(false);
    store.getState().setMcpServers({ everything: ['add'] });
    expect(serverRunFor(store.getState(), 'echo')).toBeNull();
    expect(store.getState().runOnServer(MAIN_CONVERSATION, card(store).key)).toBe(false);
    store.getState().setMcpServers(null);
    expect(serverRunFor(store.getState(), 'echo')).toBeNull();
    expect(mcp.runMcpTool).not.toHaveBeenCalled();
  });

  it('keeps the listed servers when the key state changes', () => {
    const { store } = setup();
    store.getState().setKeyConfigured(true);
    expect(store.getState().server).toEqual({ keyConfigured: true, mcpServers: { everything: ['echo'] } });
    store.getState().setKeyConfigured(false);
    expect(store.getState().server.mcpServers).toEqual({ everything: ['echo'] });
  });

  it('ends the run of a call approved while it runs', async () => {
    const { store, mcp } = await askedToEcho();
    store.getState().runOnServer(MAIN_CONVERSATION, card(store).key);
    store.getState().approve(MAIN_CONVERSATION, card(store).key);
    mcp.runs[0].resolve(OK);
    await flush();
    expect(card(store).state).toBe('approved');
    expect(card(store).run?.status).not.toBe('running');
  });
  it('aborts a run when New chat empties its conversation', async () => {
    const { store, mcp } = await askedToEcho();
    store.getState().runOnServer(MAIN_CONVERSATION, card(store).key);
    store.getState().newChat();
    expect(mcp.runs[0].options.signal.aborted).toBe(true);
  });
});

describe('serverRunFor', () => {
  const data = (over: { policies?: Record<string, McpPolicy>; servers?: Record<string, string[]> | null } = {}) => ({
    settings: { ...setup({ servers: null }).store.getState().settings, mcp_policies: over.policies },
    server: { keyConfigured: null, mcpServers: over.servers === undefined ? { everything: ['echo'] } : over.servers },
  });

  it('gives the binding and the policy, "ask" by default', () => {
    expect(serverRunFor(data(), 'echo')).toEqual({ binding: { server: 'everything', tool: 'echo' }, policy: 'ask' });
    expect(serverRunFor(data({ policies: { echo: 'auto' } }), 'echo')?.policy).toBe('auto');
  });

  it('is null for a function without a binding, a prototype key included', () => {
    expect(serverRunFor(data(), 'get_current_weather')).toBeNull();
    expect(serverRunFor(data(), 'constructor')).toBeNull();
    expect(serverRunFor(data(), '__proto__')).toBeNull();
  });
});
