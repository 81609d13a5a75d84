import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from '@/lib/scenario/base';
import { createPlaygroundStore, MAIN_CONVERSATION } from '@/lib/store/playground-store';
import { PlaygroundStoreProvider } from '@/components/playground/store-context';
import { inspectorRecord } from '@/lib/testing/inspector-record';
import { Inspector } from './inspector';

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }] });
const quirky = chunk({ tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: { a: 1 } } }] });
const fixed = chunk({ tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] });
const META = ': upstream-response {"provider":"upstream","status":200,"headers":{"x-request-id":"req_9"},"request_headers":{"authorization":"Bearer ••••","content-type":"application/json"}}\n';
const RAW = `${META}: upstream-raw ${chunk({ content: 'Hello.' })}\ndata: ${chunk({ content: 'Hello.' })}\n\n: upstream-raw ${quirky}\ndata: ${fixed}\n\n: upstream-raw [DONE]\ndata: [DONE]\n\n`;

/** A plain reply to "Hi", as the inspector records it. */
function record(partial: Parameters<typeof inspectorRecord>[0]) {
  return inspectorRecord({
    system: 'Be brief.',
    usage: { prompt_tokens: 80, completion_tokens: 20, total_tokens: 100 },
    reply: { role: 'assistant', content: 'Hello.' },
    raw: RAW,
    raw_chars: RAW.length,
    raw_times: [
      [0, 120],
      [RAW.indexOf(`: upstream-raw ${quirky}`), 300],
    ],
    http: { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' } },
    ...partial,
  });
}

/** The open calls' details have loaded (call-details.tsx comes in on demand). */
const settled = () => waitFor(() => expect(screen.queryByText('Loading the call…')).toBeNull());

async function showInspector(inspector: ReturnType<typeof inspectorRecord>[]) {
  const scenario: Scenario = { ...cloneScenario(DEFAULT_SCENARIO), messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello.' }, { role: 'user', content: 'Again' }], inspector };
  const store = createPlaygroundStore(DEFAULT_SCENARIO, { lintNow: () => ({ tools: [], problems: [], errorCount: 0 }) });
  store.getState().open({ scenario });
  render(
    <PlaygroundStoreProvider store={store}>
      <Inspector conversationId={MAIN_CONVERSATION} />
    </PlaygroundStoreProvider>,
  );
  await settled();
  return screen.getByRole('region', { name: 'Inspector' });
}

// jsdom has no modal dialogs: open is enough for what these tests read.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
});

const calls = (inspector: HTMLElement) => [...inspector.querySelectorAll<HTMLDetailsElement>('details[class~="group"]')];

describe('the inspector', () => {
  it('says what it will show before any call', async () => {
    expect((await showInspector([])).textContent).toMatch(/Each model call appears here, oldest first/);
  });

  it('lists the calls oldest first, with status, timings, tokens, cost and the request rebuilt from the conversation', async () => {
    const user = userEvent.setup();
    const inspector = await showInspector([record({}), record({ id: 'r2', status: 'failed', message_count: 3, error: { status: 429, kind: 'http', message: 'Slow down' }, reply: null, usage: null, finish_reason: null, http: { status: 429, headers: {} } })]);
    expect(inspector.textContent).toContain('2 model calls, oldest first');
    const [first, second] = calls(inspector);
    expect(first.textContent).toContain('Call 1');
    expect(second.textContent).toContain('Call 2');
    expect(second.textContent).toContain('429 — Slow down');
    await user.click(within(first).getByText('Call 1'));
    await settled();
    const metrics = within(first).getByText('First token').closest('dl') as HTMLElement;
    expect(within(metrics).getByText('120 ms')).toBeTruthy();
    expect(within(metrics).getByText('100')).toBeTruthy();
    expect(within(metrics).getByText('200')).toBeTruthy();
    // gpt-4o at $2.50 / $10 per million: 80 × 2.5 + 20 × 10 = 400 millionths of a dollar.
    expect(within(first).getByText('$0.0004')).toBeTruthy();
    const body = within(first).getByRole('group', { name: 'Request body (call 1)' });
    expect(body.textContent).toContain('"Be brief."');
    expect(body.textContent).toContain('"Hi"');
    expect(within(inspector).getByRole('list', { name: "Timeline of the conversation's calls" }).children).toHaveLength(2);
  });

  it('shows both legs of headers, the provider\'s key hidden, and each chunk with its time and the normalizer\'s change', async () => {
    const user = userEvent.setup();
    const inspector = await showInspector([record({})]);
    const [call] = calls(inspector);
    await user.click(within(call).getByText('Status and headers'));
    expect(within(call).getByRole('group', { name: 'Response headers from the playground server (call 1)' }).textContent).toContain('text/event-stream');
    expect(within(call).getByRole('group', { name: 'Request headers sent to the provider (call 1)' }).textContent).toContain('Bearer ••••');
    expect(within(call).getByRole('group', { name: 'Response headers from the provider (call 1)' }).textContent).toContain('req_9');
    await user.click(within(call).getByText('Response · stream chunks'));
    const chunks = within(call).getByRole('list', { name: 'Stream chunks (call 1)' });
    const rows = within(chunks).getAllByRole('listitem').filter((li) => li.parentElement === chunks);
    expect(rows.map((row) => row.textContent?.match(/\+\d+ ms/)?.[0])).toEqual(['+120 ms', '+300 ms', '+300 ms']);
    expect(rows[0].textContent).toContain('forwarded unchanged');
    expect(within(rows[1]).getByRole('list', { name: 'What the normalizer changed' }).textContent).toContain('choices[0].delta.tool_calls[0].function.arguments');
  });

  it('shows what the server adapted for the provider next to the request asked, apart from the normalizer\'s changes', async () => {
    const adapted = META.replace('"request_headers"', '"adaptations":[{"provider":"Mistral","rule":"mistral-tool-call-ids","message":"Asked with 1 tool call id Mistral rejects; sent call_1 → aB3dE5fG1."}],"request_headers"');
    const raw = RAW.replace(META, adapted);
    const inspector = await showInspector([record({ raw, raw_chars: raw.length })]);
    const [call] = calls(inspector);
    const list = within(call).getByRole('list', { name: 'What the adapter changed (call 1)' });
    expect(list.textContent).toContain('Adapted for Mistral: Asked with 1 tool call id Mistral rejects; sent call_1 → aB3dE5fG1.');
    expect(list.closest('details')?.textContent).toContain('Request body');
    expect(within(call).queryByRole('list', { name: 'What the normalizer changed' })).toBeNull();
  });

  it('reads the adaptations from the answer\'s header when the stream has none (an error)', async () => {
    const header = JSON.stringify([{ provider: 'OpenAI', rule: 'openai-max-completion-tokens', message: 'Asked max_tokens: 5; sent max_completion_tokens: 5.' }]);
    const inspector = await showInspector([record({ raw: '', raw_chars: 0, status: 'failed', reply: null, error: { status: 400, kind: 'http', message: 'Bad' }, http: { status: 400, headers: { 'x-playground-adaptations': header } } })]);
    const [call] = calls(inspector);
    expect(within(call).getByRole('list', { name: 'What the adapter changed (call 1)' }).textContent).toContain('Adapted for OpenAI: Asked max_tokens: 5');
  });

  it('says the simulator has no provider and shows each of its chunks once', async () => {
    const user = userEvent.setup();
    const raw = `: upstream-response {"provider":"simulator"}\n: upstream-raw ${chunk({ content: 'a' })}\ndata: ${chunk({ content: 'a' })}\n\n`;
    const inspector = await showInspector([record({ request: { model: 'offline-simulator', stream: true }, raw, raw_chars: raw.length, raw_times: [[0, 5]] })]);
    const [call] = calls(inspector);
    expect(within(call).getByText('free (offline simulator)')).toBeTruthy();
    await user.click(within(call).getByText('Response · stream chunks'));
    expect(call.textContent).toContain('there is no provider, so each chunk is shown once');
    expect(call.textContent?.split('"content":"a"')).toHaveLength(2);
  });

  it('opens the newest call by itself, keeps what the person opened, and opens any call in full view', async () => {
    const user = userEvent.setup();
    const inspector = await showInspector([record({}), record({ id: 'r2', message_count: 3 })]);
    expect(calls(inspector).map((call) => call.open)).toEqual([false, true]);
    await user.click(within(calls(inspector)[0]).getByText('Call 1'));
    await settled();
    expect(calls(inspector)[0].open).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Open call 1 in full view' }));
    await settled();
    const dialog = screen.getByRole('dialog', { name: 'Call 1 in full view' });
    expect(within(dialog).getByRole('list', { name: 'Stream chunks (call 1)' })).toBeTruthy();
  });

  it('copies a call as curl and as JSON', async () => {
    const user = userEvent.setup();
    await showInspector([record({})]);
    await user.click(screen.getByRole('button', { name: 'Copy as curl (call 1)' }));
    const curl = await navigator.clipboard.readText();
    expect(curl).toContain("curl -sS -N 'https://api.aimlapi.com/v1/chat/completions'");
    expect(curl).toContain('$AIML_API_KEY');
    await user.click(screen.getByRole('button', { name: 'Copy as JSON (call 1)' }));
    const json = JSON.parse(await navigator.clipboard.readText());
    expect(json.response).toMatchObject({ status: 200, provider: { provider: 'upstream', status: 200 } });
    expect(json.response.chunks).toHaveLength(3);
  });

  it('opens a big request body folded: its top level only, and the first items of a long array', async () => {
    const user = userEvent.setup();
    const messages = Array.from({ length: 60 }, (_, i) => ({ role: 'user' as const, content: `${i} ${'x'.repeat(900)}` }));
    await showInspector([record({ messages, message_count: 0 })]);
    const body = screen.getByRole('group', { name: 'Request body (call 1)' });
    expect(body.textContent).toContain('[ 60 items ]');
    expect(body.textContent).not.toContain('xxxx');
    await user.click(within(body).getByText('[ 60 items ]'));
    expect(within(body).getByRole('button', { name: 'Show 40 more' })).toBeTruthy();
    expect(body.textContent).not.toContain('xxxx');
  });

  it('says so when a raw stream was over the size kept with the scenario', async () => {
    const user = userEvent.setup();
    await showInspector([record({ raw: null, raw_chars: 50_000, raw_times: undefined })]);
    await user.click(screen.getByText('Response · stream chunks'));
    expect(screen.getByText(/The raw stream \(50,000 characters\) was not kept/)).toBeTruthy();
  });

  it('shows a call interrupted by a reload as such', async () => {
    const inspector = await showInspector([record({ status: 'interrupted', total_ms: null, reply: null, error: { status: null, kind: 'interrupted', message: 'This call was interrupted.' } })]);
    expect(inspector.textContent).toContain('interrupted');
  });
});
