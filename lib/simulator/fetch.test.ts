/** The simulator behind the official `openai` client, through `createSimulatorFetch`. */
import OpenAI from 'openai';
import { describe, expect, it, vi } from 'vitest';
import { chatRequestSchema } from '@/lib/wire/chat';
import { SseParser } from '@/lib/wire/sse';
import { simulateCompletion } from './completion';
import { createSimulatorFetch } from './fetch';
import { GUIDE_TOOLS, guideRequest, WEATHER_TOOL } from './testing/fixtures';

const BASE_URL = 'http://offline-simulator.invalid/v1';

function client(chunkDelayMs = 0): OpenAI {
  return new OpenAI({ apiKey: 'offline', baseURL: BASE_URL, fetch: createSimulatorFetch({ chunkDelayMs }), maxRetries: 0 });
}

const GUIDE = {
  model: 'gpt-4o',
  messages: guideRequest().messages as OpenAI.Chat.ChatCompletionMessageParam[],
  tools: [WEATHER_TOOL] as OpenAI.Chat.ChatCompletionTool[],
  tool_choice: 'auto' as const,
};

describe('the openai SDK with the simulator fetch', () => {
  it('create() returns the simulated completion', async () => {
    const completion = await client().chat.completions.create(GUIDE);
    const expected = simulateCompletion(guideRequest());
    expect({ ...completion, created: 0 }).toEqual({ ...expected, created: 0 });
    const locations = (completion.choices[0].message.tool_calls ?? []).map(
      (call) => call.type === 'function' && JSON.parse(call.function.arguments).location,
    );
    expect(locations).toEqual(['New York', 'San Francisco', 'Chicago']);
  });

  it('create({ stream: true }) yields the chunks, ending with usage when asked', async () => {
    const stream = await client(1).chat.completions.create({ ...GUIDE, stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toEqual(simulateCompletion(guideRequest()).usage);
    const args = new Map<number, string>();
    for (const chunk of chunks) {
      for (const part of chunk.choices[0]?.delta.tool_calls ?? []) args.set(part.index, (args.get(part.index) ?? '') + (part.function?.arguments ?? ''));
    }
    expect([...args.values()].map((text) => JSON.parse(text).location)).toEqual(['New York', 'San Francisco', 'Chicago']);
  });

  it('stream(…).finalChatCompletion() rebuilds the same message as create()', async () => {
    const sdk = client();
    const plain = await sdk.chat.completions.create(GUIDE);
    const streamed = await sdk.chat.completions.stream(GUIDE).finalChatCompletion();
    expect(streamed.choices[0].message.tool_calls).toEqual(plain.choices[0].message.tool_calls);
    expect(streamed.choices[0].finish_reason).toBe('tool_calls');
    const text = await sdk.chat.completions.stream({ model: 'offline-simulator', messages: [{ role: 'user', content: 'Tell me a joke' }], tools: GUIDE_TOOLS as OpenAI.Chat.ChatCompletionTool[] }).finalChatCompletion();
    expect(text.choices[0].message.content).toMatch(/^\(Offline simulator\) I have no tool that fits/);
  });

  it('answers an invalid body with 400 in the OpenAI error shape, naming the field', async () => {
    const error = await client()
      .chat.completions.create({ model: 'offline-simulator', messages: [{ role: 'wizard', content: 'hi' }] } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const bad = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({ type: 'invalid_request_error', code: null, param: 'messages.0.role' });
    expect(bad.message).toContain('messages.0.role');
  });

  it('refuses a named tool_choice that is not among the tools with 400', async () => {
    const error = await client()
      .chat.completions.create({ ...GUIDE, tool_choice: { type: 'function', function: { name: 'nope' } } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({ param: 'tool_choice', type: 'invalid_request_error' });
  });

  it('lists the simulator and its careless persona under GET /models, and retrieves each', async () => {
    const models = [];
    for await (const model of client().models.list()) models.push(model.id);
    expect(models).toEqual(['offline-simulator', 'offline-simulator-careless']);
    expect((await client().models.retrieve('offline-simulator-careless')).id).toBe('offline-simulator-careless');
  });
});

describe('createSimulatorFetch as plain fetch', () => {
  const simulatorFetch = createSimulatorFetch({ chunkDelayMs: 5 });
  const post = (body: unknown, init: RequestInit = {}) =>
    simulatorFetch(`${BASE_URL}/chat/completions`, { method: 'POST', body: JSON.stringify(body), ...init });

  it('answers unknown paths with 404 and bad JSON with 400, in the error shape', async () => {
    const missing = await simulatorFetch(`${BASE_URL}/embeddings`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'unknown_url', param: null } });
    const garbled = await simulatorFetch(`${BASE_URL}/chat/completions`, { method: 'POST', body: '{not json' });
    expect(garbled.status).toBe(400);
    expect((await garbled.json()).error.message).toMatch(/not valid JSON/);
  });

  it('streams text/event-stream lines ending in [DONE]', async () => {
    const response = await post({ ...guideRequest(), stream: true });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const parser = new SseParser();
    const events = parser.push(await response.text());
    expect(events.at(-1)?.data).toBe('[DONE]');
    expect(events.slice(0, -1).every((event) => JSON.parse(event.data).object === 'chat.completion.chunk')).toBe(true);
  });

  it('rejects with an AbortError when the signal is already aborted, as fetch does', async () => {
    const controller = new AbortController();
    controller.abort();
    const failure = await post(guideRequest(), { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(DOMException);
    expect((failure as DOMException).name).toBe('AbortError');
  });

  it('rejects a plain request aborted while it waits, and stops a stream aborted midway', async () => {
    const slow = createSimulatorFetch({ chunkDelayMs: 50 });
    const waiting = new AbortController();
    const pending = slow(`${BASE_URL}/chat/completions`, { method: 'POST', body: JSON.stringify(guideRequest()), signal: waiting.signal });
    waiting.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

    const streaming = new AbortController();
    const response = await slow(`${BASE_URL}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ ...guideRequest(), stream: true }),
      signal: streaming.signal,
    });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^data: \{/);
    streaming.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('createSimulatorFetch with bodiesValidated', () => {
  it('answers as it would otherwise, without validating the body a second time', async () => {
    const body = JSON.stringify(guideRequest());
    const send = (fetchImpl: typeof fetch) => fetchImpl(`${BASE_URL}/chat/completions`, { method: 'POST', body }).then((r) => r.json());
    const validate = vi.spyOn(chatRequestSchema, 'safeParse');
    try {
      const checked = await send(createSimulatorFetch({ chunkDelayMs: 0 }));
      expect(validate).toHaveBeenCalledTimes(1);
      const trusted = await send(createSimulatorFetch({ chunkDelayMs: 0, bodiesValidated: true }));
      expect(validate).toHaveBeenCalledTimes(1);
      expect(trusted).toEqual(checked);
    } finally {
      validate.mockRestore();
    }
  });
});
