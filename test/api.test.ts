/**
 * The HTTP API of the production build, driven by the real `openai` SDK as a client, with a scripted
 * OpenAI-compatible upstream on loopback standing in for the AI/ML API.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestUpstream } from '../e2e/upstream/server.mjs';
import { SENTINEL_KEY } from './sentinel.mjs';
import { GUIDE_SYSTEM_PROMPT, WEATHER_TOOL } from '@/lib/scenario/scenario';
import { startApp, type RunningApp } from './support/app';

const QUESTION = 'What is the current temperature of New York, San Francisco, and Chicago?';
const CITIES = ['New York', 'San Francisco', 'Chicago'];
const THREE_CALLS = CITIES.map((city, i) => ({ id: `call_${i}`, name: 'get_current_weather', arguments: { location: city } }));

/** Every response body and header the tests saw: none may hold the key. */
const seen: string[] = [];
function recordingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  return fetch(input, init).then(async (response) => {
    const copy = response.clone();
    seen.push([...copy.headers].map(([k, v]) => `${k}: ${v}`).join('\n'));
    copy.text().then((text) => seen.push(text), () => {});
    return response;
  });
}

let upstream: Awaited<ReturnType<typeof startTestUpstream>>;
let app: RunningApp;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startTestUpstream({ port: 0 });
  app = await startApp({
    AIML_API_KEY: SENTINEL_KEY,
    AIML_API_BASE_URL: upstream.url,
    AIML_API_TIMEOUT_MS: '1500',
    PLAYGROUND_MAX_TOKENS: '1000',
  });
  client = new OpenAI({ apiKey: 'not-needed', baseURL: `${app.url}/api/v1`, fetch: recordingFetch, maxRetries: 0 });
});

afterAll(async () => {
  await app?.stop();
  await upstream?.close();
});

beforeEach(() => upstream.reset());

const baseRequest = {
  model: 'gpt-4o',
  messages: [
    { role: 'system' as const, content: GUIDE_SYSTEM_PROMPT },
    { role: 'user' as const, content: QUESTION },
  ],
  tools: [WEATHER_TOOL],
  tool_choice: 'auto' as const,
};

describe('POST /api/v1/chat/completions through the test upstream', () => {
  it('returns the tool calls of a plain call, with the server key injected and the body unchanged', async () => {
    upstream.script([{ kind: 'toolCalls', calls: THREE_CALLS }]);
    const completion = await client.chat.completions.create(baseRequest);
    const calls = completion.choices[0].message.tool_calls ?? [];
    expect(calls.map((call) => call.type === 'function' && JSON.parse(call.function.arguments).location)).toEqual(CITIES);
    expect(completion.choices[0].finish_reason).toBe('tool_calls');

    const [received] = upstream.requests();
    expect(received.headers.authorization).toBe(`Bearer ${SENTINEL_KEY}`);
    expect(received.body.tools).toEqual(baseRequest.tools);
    expect(received.body.messages).toEqual(baseRequest.messages);
    expect(received.body.model).toBe('gpt-4o');
  });

  it('streams tool-call deltas that the SDK assembles into three calls', async () => {
    upstream.script([{ kind: 'toolCalls', calls: THREE_CALLS }]);
    const stream = client.chat.completions.stream({ ...baseRequest, stream_options: { include_usage: true } });
    const final = await stream.finalChatCompletion();
    const calls = final.choices[0].message.tool_calls ?? [];
    expect(calls).toHaveLength(3);
    expect(calls.map((call) => call.id)).toEqual(['call_0', 'call_1', 'call_2']);
    expect(upstream.requests()[0].body.stream).toBe(true);
  });

  it('completes the round trip: tool messages in, the summary out', async () => {
    const summary = 'New York is 22 °C, San Francisco 18 °C and Chicago 15 °C.';
    upstream.script([{ kind: 'text', content: summary }]);
    const messages = [
      ...baseRequest.messages,
      {
        role: 'assistant' as const,
        content: null,
        tool_calls: CITIES.map((city, i) => ({
          id: `call_${i}`,
          type: 'function' as const,
          function: { name: 'get_current_weather', arguments: JSON.stringify({ location: city }) },
        })),
      },
      ...[22, 18, 15].map((temperature, i) => ({
        role: 'tool' as const,
        tool_call_id: `call_${i}`,
        content: JSON.stringify({ temperature, unit: 'celsius' }),
      })),
    ];
    const completion = await client.chat.completions.create({ ...baseRequest, messages });
    expect(completion.choices[0].message.content).toBe(summary);
    expect(upstream.requests()[0].body.messages).toEqual(messages);
  });

  it('answers upstream failures in the OpenAI error shape with their status and message', async () => {
    upstream.script([
      // OpenAI echoes the key it was given: the proxy must not pass it on.
      { kind: 'error', status: 401, body: { error: { message: `Incorrect API key provided: ${SENTINEL_KEY}.`, type: 'invalid_request_error' } } },
      { kind: 'error', status: 500, body: 'Internal Server Error', contentType: 'text/plain' },
    ]);
    const first = await client.chat.completions.create(baseRequest).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(String((first as Error).message)).toContain('Incorrect API key provided');
    const second = await client.chat.completions.create(baseRequest).catch((error: unknown) => error);
    expect((second as InstanceType<typeof OpenAI.APIError>).status).toBe(500);
  });

  it('answers 504 when the upstream does not answer in time', async () => {
    upstream.script([{ kind: 'hang' }]);
    const timedOut = await client.chat.completions.create(baseRequest).catch((error: unknown) => error);
    expect((timedOut as InstanceType<typeof OpenAI.APIError>).status).toBe(504);
  });

  it('cancels the upstream request when the client disconnects', async () => {
    upstream.script([{ kind: 'stream', chunks: Array.from({ length: 200 }, (_, i) => textChunk(`w${i} `)), delayMs: 20 }]);
    const controller = new AbortController();
    const stream = await client.chat.completions.create({ ...baseRequest, stream: true }, { signal: controller.signal });
    let received = 0;
    for await (const _chunk of stream) if (++received === 3) controller.abort();
    expect(received).toBeLessThan(50);
    await expect.poll(() => upstream.requests()[0]?.aborted, { timeout: 5000 }).toBe(true);
  });

  it('caps max_tokens by configuration and never takes the upstream address from a request', async () => {
    upstream.script([{ kind: 'text', content: 'ok' }]);
    const response = await fetch(`${app.url}/api/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...baseRequest, max_tokens: 5000, base_url: 'http://127.0.0.1:9/v1', api_key: 'theirs' }),
    });
    expect(response.status).toBe(200);
    const [received] = upstream.requests();
    expect(received.body.max_tokens).toBe(1000);
    expect(received.body).not.toHaveProperty('base_url');
    expect(received.body).not.toHaveProperty('api_key');
    expect(received.headers.authorization).toBe(`Bearer ${SENTINEL_KEY}`);
  });

  it('rejects a malformed body with 400 naming the field', async () => {
    const response = await fetch(`${app.url}/api/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'wizard', content: 'hi' }] }),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.message).toContain('messages.0');
    expect(body.error.type).toBe('invalid_request_error');
  });

  it('never lets the key out: not in a response, not in a static file', () => {
    expect(seen.length).toBeGreaterThan(5);
    for (const text of seen) expect(text).not.toContain(SENTINEL_KEY);
    const files = walk(join(process.env.NEXT_DIST_DIR || '.next', 'static'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(readFileSync(file, 'utf8').includes(SENTINEL_KEY), file).toBe(false);
  });
});

function textChunk(content: string) {
  return { id: 'chatcmpl-t', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content }, finish_reason: null }] };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
