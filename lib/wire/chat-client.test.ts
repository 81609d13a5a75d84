import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk, ChatRequest } from './chat';
import { buildChatRequest, describeChatError, isChatError, streamChat } from './chat-client';

const BODY: ChatRequest = { model: 'offline-simulator', messages: [{ role: 'user', content: 'hi' }], stream: true };

function sse(parts: string[], init: ResponseInit = {}): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' }, ...init });
}

const chunk = (content: string) =>
  JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] });

async function collect(response: Response | (() => Promise<Response>), signal?: AbortSignal, onChunk?: (chunk: ChatCompletionChunk) => void) {
  const chunks: ChatCompletionChunk[] = [];
  let raw = '';
  let request: { url: string; init: RequestInit } | null = null;
  const result = await streamChat(BODY, {
    signal,
    onChunk: (c) => {
      chunks.push(c);
      onChunk?.(c);
    },
    onRaw: (t) => (raw += t),
    fetch: (async (url: string, init: RequestInit) => {
      request = { url, init };
      return typeof response === 'function' ? response() : response;
    }) as typeof fetch,
  });
  return { result, chunks, raw, request: request as { url: string; init: RequestInit } | null };
}

describe('streamChat', () => {
  it('posts the body with the inspect header and streams chunks until [DONE], split anywhere', async () => {
    const text = `data: ${chunk('Hel')}\n\n: upstream-raw {"x":1}\ndata: ${chunk('lo')}\n\ndata: [DONE]\n\n`;
    const parts = [text.slice(0, 9), text.slice(9, 40), text.slice(40)];
    const { result, chunks, raw, request } = await collect(sse(parts));
    expect(result).toEqual({ status: 'done' });
    expect(chunks.map((c) => c.choices[0].delta.content)).toEqual(['Hel', 'lo']);
    expect(raw).toBe(text);
    expect(request?.url).toBe('/api/v1/chat/completions');
    expect((request?.init.headers as Record<string, string>)['x-playground-inspect']).toBe('1');
    expect(JSON.parse(String(request?.init.body))).toEqual(BODY);
  });

  it('tells the status and response headers as they arrive, an error\'s too', async () => {
    for (const [response, status] of [[sse([`data: [DONE]\n\n`], { headers: { 'content-type': 'text/event-stream', 'x-request-id': 'abc' } }), 200], [Response.json({ error: { message: 'no' } }, { status: 429 }), 429]] as const) {
      const seen: Array<{ status: number; headers: Record<string, string> }> = [];
      await streamChat(BODY, { onResponse: (http) => seen.push(http), fetch: (async () => response) as unknown as typeof fetch });
      expect(seen).toHaveLength(1);
      expect(seen[0].status).toBe(status);
      expect(seen[0].headers['content-type']).toMatch(status === 200 ? /event-stream/ : /json/);
    }
  });

  it('returns the HTTP status and the upstream message for an error before streaming', async () => {
    const response = Response.json(
      { error: { message: "You've run out of credits", type: 'insufficient_quota', code: 'insufficient_quota', param: null } },
      { status: 403 },
    );
    const { result } = await collect(response);
    expect(result).toEqual({ status: 403, kind: 'http', message: "You've run out of credits", code: 'insufficient_quota' });
    expect(isChatError(result) && describeChatError(result)).toBe("403 — You've run out of credits");
  });

  it('uses the text of a non-JSON error body', async () => {
    const { result } = await collect(new Response('Bad gateway from proxy', { status: 502, statusText: 'Bad Gateway' }));
    expect(result).toMatchObject({ status: 502, kind: 'http', message: 'Bad gateway from proxy' });
    const empty = await collect(new Response('', { status: 404, statusText: 'Not Found' }));
    expect(empty.result).toMatchObject({ status: 404, message: 'Not Found' });
  });

  it('an error event during the stream is an error, chunks before it were delivered', async () => {
    const error = JSON.stringify({ error: { message: 'Rate limited', type: 'rate_limit', code: 'rate_limit_exceeded', status: 429 } });
    const { result, chunks } = await collect(sse([`data: ${chunk('a')}\n\n`, `data: ${error}\n\n`]));
    expect(chunks).toHaveLength(1);
    expect(result).toEqual({ status: 429, kind: 'stream', message: 'Rate limited', code: 'rate_limit_exceeded' });
  });

  it("the server's own cut-off event is a cut", async () => {
    const error = JSON.stringify({ error: { message: 'The reply was cut off', code: 'stream_incomplete' } });
    const { result } = await collect(sse([`data: ${error}\n\n`]));
    expect(result).toMatchObject({ kind: 'cut', message: 'The reply was cut off' });
  });

  it('a stream that ends without [DONE] and without an error is cut off', async () => {
    const { result, chunks } = await collect(sse([`data: ${chunk('partial')}\n\n`]));
    expect(chunks).toHaveLength(1);
    expect(result).toMatchObject({ status: null, kind: 'cut' });
    expect(isChatError(result) && result.message).toMatch(/cut off/);
  });

  it('reads a last event that lacks its blank line', async () => {
    const { result, chunks } = await collect(sse([`data: ${chunk('x')}\n\ndata: [DONE]`]));
    expect(result).toEqual({ status: 'done' });
    expect(chunks).toHaveLength(1);
  });

  it('an event that is not JSON is a stream error', async () => {
    const { result } = await collect(sse(['data: {nope\n\n']));
    expect(result).toMatchObject({ kind: 'stream' });
  });

  it('a network failure is a network error', async () => {
    const { result } = await collect(() => Promise.reject(new TypeError('fetch failed')));
    expect(result).toMatchObject({ kind: 'network', status: null });
    expect(isChatError(result) && result.message).toMatch(/fetch failed/);
  });

  it('aborting resolves as aborted, mid-stream too', async () => {
    const controller = new AbortController();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode(`data: ${chunk('a')}\n\n`));
        controller.signal.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
      },
    });
    let delivered!: () => void;
    const firstChunk = new Promise<void>((resolve) => (delivered = resolve));
    const pending = collect(new Response(body, { status: 200 }), controller.signal, delivered);
    await firstChunk; // the stream is under way
    controller.abort();
    const { result, chunks } = await pending;
    expect(chunks).toHaveLength(1);
    expect(result).toMatchObject({ kind: 'aborted' });

    const before = new AbortController();
    before.abort();
    const rejected = await collect(() => Promise.reject(new DOMException('aborted', 'AbortError')), before.signal);
    expect(rejected.result).toMatchObject({ kind: 'aborted' });
  });
});

describe('buildChatRequest', () => {
  const tools = [{ type: 'function' as const, function: { name: 'f', parameters: { type: 'object' } } }];
  const messages = [{ role: 'user' as const, content: 'hi' }];

  it('lets the model decide on the call that follows tool results, so a forced choice cannot loop forever', () => {
    const afterResults = [
      ...messages,
      { role: 'assistant' as const, content: null, tool_calls: [{ id: 'c1', type: 'function' as const, function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool' as const, tool_call_id: 'c1', content: '{"ok": true}' },
    ];
    const settings = { model: 'm', tools, parallel_tool_calls: true, temperature: null, max_tokens: null };
    for (const tool_choice of ['required', { type: 'function', function: { name: 'f' } }] as const) {
      expect(buildChatRequest({ ...settings, tool_choice }, messages).tool_choice).toEqual(tool_choice);
      expect(buildChatRequest({ ...settings, tool_choice }, afterResults).tool_choice).toBe('auto');
    }
    expect(buildChatRequest({ ...settings, tool_choice: 'none' }, afterResults).tool_choice).toBe('none');
  });

  it('sends tool settings only with tools, and null settings not at all', () => {
    expect(
      buildChatRequest({ model: 'm', tools: [], tool_choice: 'required', parallel_tool_calls: false, temperature: null, max_tokens: null }, messages),
    ).toEqual({ model: 'm', messages, stream: true, stream_options: { include_usage: true } });
    expect(
      buildChatRequest({ model: 'm', tools, tool_choice: { type: 'function', function: { name: 'f' } }, parallel_tool_calls: true, temperature: 0, max_tokens: 100 }, messages),
    ).toEqual({
      model: 'm',
      messages,
      tools,
      tool_choice: { type: 'function', function: { name: 'f' } },
      parallel_tool_calls: true,
      temperature: 0,
      max_tokens: 100,
      stream: true,
      stream_options: { include_usage: true },
    });
  });
});
