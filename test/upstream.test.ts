/**
 * Self-test of the scripted test upstream that e2e specs, HTTP tests and benchmarks run against
 * (e2e/upstream/server.mjs): every step kind over real HTTP, the recording, the control API.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SseParser } from '@/lib/wire/sse';
import { startTestUpstream, type Step, type TestUpstream } from '../e2e/upstream/server.mjs';
import { QUIRKS, WEATHER_TOOL, aimlErrorStep, textChunks, weatherToolCallChunks } from '../e2e/upstream/fixtures.mjs';

let up: TestUpstream;
beforeAll(async () => {
  up = await startTestUpstream();
});
afterAll(async () => {
  await up.close();
});
beforeEach(() => up.reset());

const userMessage = { role: 'user', content: 'What is the weather in Paris? get_current_weather' };

function chat(body: Record<string, unknown>, init: RequestInit = {}) {
  return fetch(`${up.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [userMessage], ...body }),
    ...init,
  });
}

/** The `data:` payloads of an SSE body, in order. */
async function sseData(res: Response): Promise<string[]> {
  const parser = new SseParser();
  const text = await res.text();
  return [...parser.push(text), ...parser.flush()].map((e) => e.data);
}

type Delta = { content?: string | null; tool_calls?: Array<{ index: number; id?: string; function?: { name?: string; arguments?: string } }> };
type Chunk = { choices: Array<{ delta: Delta; finish_reason: string | null }>; usage?: unknown };

/** Reassembles streamed tool calls by index, the way a conforming client does. */
function assemble(chunks: Chunk[]) {
  const calls: Array<{ id?: string; name?: string; arguments: string }> = [];
  let content = '';
  for (const c of chunks) {
    const delta = c.choices[0]?.delta;
    content += delta?.content ?? '';
    for (const t of delta?.tool_calls ?? []) {
      calls[t.index] ??= { arguments: '' };
      if (t.id) calls[t.index].id = t.id;
      if (t.function?.name) calls[t.index].name = t.function.name;
      calls[t.index].arguments += t.function?.arguments ?? '';
    }
  }
  return { content, calls };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('default echo model', () => {
  it('answers text with the last message content', async () => {
    const res = await chat({ messages: [{ role: 'user', content: 'Hello there' }] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.object).toBe('chat.completion');
    expect(body.model).toBe('gpt-4o');
    expect(body.choices[0].message).toMatchObject({ role: 'assistant', content: 'Upstream answer: Hello there' });
    expect(body.choices[0].finish_reason).toBe('stop');
    expect(body.usage.total_tokens).toBeGreaterThan(0);
  });

  it('calls the tool the user message names, with placeholder required arguments', async () => {
    const other = { type: 'function', function: { name: 'send_email', parameters: { type: 'object', properties: { to: { type: 'string' } }, required: ['to'] } } };
    const body = await (await chat({ tools: [other, WEATHER_TOOL] })).json();
    expect(body.choices[0].finish_reason).toBe('tool_calls');
    const calls = body.choices[0].message.tool_calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ type: 'function', function: { name: 'get_current_weather' } });
    expect(JSON.parse(calls[0].function.arguments)).toEqual({ location: 'test' });
    expect(calls[0].id).toMatch(/^call_/);
  });

  it('answers in text after tool results and under tool_choice "none"', async () => {
    const none = await (await chat({ tools: [WEATHER_TOOL], tool_choice: 'none' })).json();
    expect(none.choices[0].message.content).toBe(`Upstream answer: ${userMessage.content}`);
    const afterTool = await (
      await chat({ tools: [WEATHER_TOOL], messages: [userMessage, { role: 'tool', tool_call_id: 'c1', content: '{"temp":21}' }] })
    ).json();
    expect(afterTool.choices[0].message.content).toBe('Upstream answer: {"temp":21}');
  });

  it('streams tool calls with usage when asked', async () => {
    const res = await chat({ tools: [WEATHER_TOOL], stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const data = await sseData(res);
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Chunk);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } });
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('tool_calls');
    const { calls } = assemble(chunks);
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0].arguments)).toEqual({ location: 'test' });
  });

  it('rejects a body without messages', async () => {
    const res = await fetch(`${up.url}/chat/completions`, { method: 'POST', body: 'not json' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/messages/);
  });
});

describe('scripted steps', () => {
  it('serves completion bodies verbatim, and raw text', async () => {
    up.script([{ kind: 'completion', body: { weird: [1, 2] } }, { kind: 'completion', raw: '{"truncated":', status: 200 }]);
    expect(await (await chat({})).json()).toEqual({ weird: [1, 2] });
    const raw = await chat({});
    expect(raw.headers.get('content-type')).toBe('application/json');
    expect(await raw.text()).toBe('{"truncated":');
  });

  it('streams chunks as given, with or without [DONE]', async () => {
    up.script([
      { kind: 'stream', chunks: [{ a: 1 }, 'raw payload'], delayMs: 5 },
      { kind: 'stream', chunks: [{ b: 2 }], done: false },
      { kind: 'stream', raw: 'data: {"c":3}\n\n: comment\n\n' },
    ]);
    expect(await sseData(await chat({ stream: true }))).toEqual(['{"a":1}', 'raw payload', '[DONE]']);
    expect(await sseData(await chat({ stream: true }))).toEqual(['{"b":2}']);
    expect(await (await chat({ stream: true })).text()).toBe('data: {"c":3}\n\n: comment\n\n');
  });

  it('answers errors with their status, body, type and headers', async () => {
    up.script([
      aimlErrorStep(403, 'You have run out of credits'),
      { kind: 'error', status: 502, body: '<html><body>Bad gateway</body></html>', contentType: 'text/html' },
      { kind: 'error', status: 429, body: 'slow down', headers: { 'retry-after': '2' } },
    ]);
    const forbidden = await chat({});
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ message: 'You have run out of credits', statusCode: 403, path: '/v1/chat/completions' });
    const html = await chat({});
    expect([html.status, html.headers.get('content-type'), await html.text()]).toEqual([502, 'text/html', '<html><body>Bad gateway</body></html>']);
    const limited = await chat({});
    expect([limited.status, limited.headers.get('retry-after'), limited.headers.get('content-type')]).toEqual([429, '2', 'text/plain; charset=utf-8']);
    expect(await limited.text()).toBe('slow down');
  });

  it('builds tool calls as a completion or as a stream split in three pieces', async () => {
    const step: Step = { kind: 'toolCalls', calls: [{ name: 'get_current_weather', arguments: { location: 'Paris' }, id: 'call_a' }, { name: 'x', arguments: '{bad' }] };
    up.script([{ ...step, repeat: 2 }]);
    const body = await (await chat({})).json();
    expect(body.choices[0].message.tool_calls).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'get_current_weather', arguments: '{"location":"Paris"}' } },
      { id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'x', arguments: '{bad' } },
    ]);
    const data = await sseData(await chat({ stream: true }));
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Chunk);
    const first = chunks[0].choices[0].delta.tool_calls?.[0];
    expect(first).toEqual({ index: 0, id: 'call_a', type: 'function', function: { name: 'get_current_weather', arguments: '' } });
    const pieces = chunks.filter((c) => c.choices[0]?.delta.tool_calls?.[0]?.index === 0 && !c.choices[0].delta.tool_calls[0].id);
    expect(pieces).toHaveLength(3);
    expect(assemble(chunks).calls.map((c) => c.arguments)).toEqual(['{"location":"Paris"}', '{bad']);
    expect(chunks.some((c) => 'usage' in c)).toBe(false);
  });

  it('builds text answers, streamed when asked', async () => {
    up.script([{ kind: 'text', content: 'It is 21 °C in Paris.', repeat: -1 }]);
    expect((await (await chat({})).json()).choices[0].message.content).toBe('It is 21 °C in Paris.');
    const data = await sseData(await chat({ stream: true, stream_options: { include_usage: true } }));
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Chunk);
    expect(assemble(chunks).content).toBe('It is 21 °C in Paris.');
    expect(chunks.at(-1)?.usage).toBeTruthy();
    // repeat: -1 keeps serving
    expect((await (await chat({})).json()).choices[0].message.content).toBe('It is 21 °C in Paris.');
  });

  it('falls back to the echo model once repeats are used up', async () => {
    up.script([{ kind: 'text', content: 'scripted', repeat: 2 }]);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await (await chat({ messages: [{ role: 'user', content: 'hi' }] })).json()).choices[0].message.content);
    expect(answers).toEqual(['scripted', 'scripted', 'Upstream answer: hi']);
    expect(up.requests().map((r) => r.servedBy)).toEqual(['text', 'text', 'default']);
  });

  it('hangs until the client gives up, and records that it did', async () => {
    up.script([{ kind: 'hang' }]);
    const controller = new AbortController();
    const pending = chat({}, { signal: controller.signal });
    await until(() => up.requests().length === 1);
    expect(up.requests()[0].aborted).toBe(false);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await until(() => up.requests()[0].aborted);
  });

  it('cuts a stream so that the client sees a premature close', async () => {
    up.script([{ kind: 'stream', chunks: textChunks('partial answer', 2), cut: true }]);
    const res = await chat({ stream: true });
    expect(res.status).toBe(200);
    const decoder = new TextDecoder();
    let received = '';
    const reader = res.body!.getReader();
    await expect((async () => {
      for (let r = await reader.read(); !r.done; r = await reader.read()) received += decoder.decode(r.value, { stream: true });
    })()).rejects.toThrow();
    expect(received).toContain('"content":"partial');
    expect(received).not.toContain('[DONE]');
    await until(() => up.requests().length === 1);
    expect(up.requests()[0].aborted).toBe(false);
  });

  it('replays a long stream many times', async () => {
    const chunks = Array.from({ length: 5000 }, (_, i) => ({ choices: [{ index: 0, delta: { content: `${i} ` }, finish_reason: null }] }));
    up.script([{ kind: 'stream', chunks, repeat: 3 }]);
    const lengths = await Promise.all([0, 1, 2].map(async () => (await sseData(await chat({ stream: true }))).length));
    expect(lengths).toEqual([5001, 5001, 5001]);
  });

  it('serves every quirk fixture as a well-formed stream', async () => {
    for (const [name, quirk] of Object.entries(QUIRKS)) {
      up.script([quirk.step, ...(quirk.completion ? [quirk.completion] : [])]);
      const data = await sseData(await chat({ stream: true, tools: quirk.tools }));
      expect(data.at(-1), name).toBe('[DONE]');
      const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Chunk);
      expect(chunks.flatMap((c) => c.choices[0].delta.tool_calls ?? []).length, name).toBeGreaterThanOrEqual(3);
      if (quirk.completion) expect((await (await chat({})).json()).choices[0].message.tool_calls, name).toHaveLength(3);
      expect(quirk.expected, name).toHaveLength(3);
    }
  });

  it('gives the guide example as gpt-4o streams it', async () => {
    up.script([{ kind: 'stream', chunks: weatherToolCallChunks({ usage: true }) }]);
    const chunks = (await sseData(await chat({ stream: true }))).slice(0, -1).map((d) => JSON.parse(d) as Chunk);
    expect(assemble(chunks).calls.map((c) => [c.name, JSON.parse(c.arguments).location])).toEqual([
      ['get_current_weather', 'New York'],
      ['get_current_weather', 'San Francisco'],
      ['get_current_weather', 'Chicago'],
    ]);
    expect(chunks.at(-1)?.usage).toBeTruthy();
  });
});

describe('hostile steps', () => {
  it('floods: prefix, fill to the byte count in whole repetitions, suffix, counted as written', async () => {
    up.script([{ kind: 'flood', prefix: 'data: ', fill: 'ab', bytes: 200_001, suffix: '\n\n' }]);
    const res = await chat({ stream: true });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const text = await res.text();
    expect(text).toBe(`data: ${'ab'.repeat(100_001)}\n\n`);
    expect(up.requests()[0]).toMatchObject({ servedBy: 'flood', bytesWritten: text.length, waitingForDrain: false });
  });

  it('floods gzip-compressed, one member per block, which fetch inflates whole', async () => {
    up.script([{ kind: 'flood', encoding: 'gzip', contentType: 'application/json', status: 201, prefix: '["', fill: 'z', bytes: 3_000_000, suffix: '"]' }]);
    const res = await chat({});
    expect([res.status, res.headers.get('content-encoding')]).toEqual([201, 'gzip']);
    expect((await res.json())[0]).toHaveLength(3_000_000);
    expect(up.requests()[0].bytesWritten).toBeLessThan(100_000);
  });

  it('floods without end until the client goes away, and waits while it does not read', async () => {
    up.script([{ kind: 'flood', fill: 'data: {}\n\n', bytes: -1 }]);
    const controller = new AbortController();
    const res = await chat({ stream: true }, { signal: controller.signal });
    const reader = res.body!.getReader();
    for (let got = 0; got < 1_000_000; ) got += (await reader.read()).value!.length;
    // Socket buffers fill for a while, then the step stays blocked on drain.
    let written = -1;
    for (let i = 0; i < 50 && written !== up.requests()[0].bytesWritten; i++) {
      written = up.requests()[0].bytesWritten;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(up.requests()[0]).toMatchObject({ bytesWritten: written, waitingForDrain: true });
    expect(written).toBeLessThan(64 * 2 ** 20);
    controller.abort();
    await until(() => up.requests()[0].aborted);
  });

  it('reflects the bearer token into headers and bodies when asked, JSON-escaped', async () => {
    up.script([
      { kind: 'completion', body: { echo: 'key={{authorization}}' }, headers: { 'x-request-id': '{{authorization}}' }, reflectAuth: true },
      { kind: 'stream', chunks: [{ k: '{{authorization}}' }], reflectAuth: true },
      { kind: 'completion', body: { echo: '{{authorization}}' } },
    ]);
    const res = await chat({}, { headers: { authorization: 'Bearer sk-"quoted"' } });
    expect([res.headers.get('x-request-id'), (await res.json()).echo]).toEqual(['sk-"quoted"', 'key=sk-"quoted"']);
    expect(await sseData(await chat({ stream: true }))).toEqual(['{"k":"sk-test"}', '[DONE]']);
    expect((await (await chat({})).json()).echo).toBe('{{authorization}}');
  });

  it('rejects malformed hostile steps, naming the field', () => {
    expect(() => up.script([{ kind: 'flood', fill: '', bytes: 1 }])).toThrow(/steps\[0\] \(flood\): fill must be a non-empty string/);
    expect(() => up.script([{ kind: 'flood', fill: 'x', bytes: -2 }])).toThrow(/bytes must be an integer >= 0, or -1/);
    expect(() => up.script([{ kind: 'flood', fill: 'x', bytes: 1, encoding: 'br' } as unknown as Step])).toThrow(/encoding must be "gzip"/);
    expect(() => up.script([{ kind: 'text', content: 'x', reflectAuth: 'yes' } as unknown as Step])).toThrow(/reflectAuth must be a boolean/);
  });
});

describe('validation and recording', () => {
  it('rejects a malformed script, naming the step and field', () => {
    expect(() => up.script([{ kind: 'text', content: 'ok' }, { kind: 'stream' } as unknown as Step])).toThrow(/steps\[1\] \(stream\): chunks/);
    expect(() => up.script([{ kind: 'nope' } as unknown as Step])).toThrow(/kind must be one of/);
    expect(() => up.script([{ kind: 'text', content: 'x', repeat: 0 }])).toThrow(/repeat/);
    expect(() => up.script([{ kind: 'error', status: 99, body: 'x' }])).toThrow(/status/);
  });

  it('answers 500 with the reason after a bad script, until the next one', async () => {
    expect(() => up.script([{ kind: 'toolCalls', calls: [] }])).toThrow();
    const res = await chat({});
    expect(res.status).toBe(500);
    expect((await res.json()).error.message).toBe('test upstream: bad script: steps[0] (toolCalls): calls must be a non-empty array');
    up.script([{ kind: 'text', content: 'fixed' }]);
    expect((await (await chat({})).json()).choices[0].message.content).toBe('fixed');
  });

  it('records method, path, lower-cased headers and the parsed or raw body', async () => {
    await chat({ temperature: 0.5 });
    await fetch(`${up.url}/chat/completions`, { method: 'POST', body: 'plain text' });
    const list = await (await fetch(`${up.url}/models`)).json();
    expect([list.object, list.data.map((m: { id: string }) => m.id)]).toEqual(['list', expect.arrayContaining(['gpt-4o'])]);
    const big = 'x'.repeat(3_000_000);
    await chat({ messages: [{ role: 'user', content: big }] });
    const [first, second, models, large] = up.requests();
    expect(first).toMatchObject({ method: 'POST', path: '/v1/chat/completions', servedBy: 'default', aborted: false });
    expect(first.headers.authorization).toBe('Bearer sk-test');
    expect(first.body).toMatchObject({ model: 'gpt-4o', temperature: 0.5 });
    expect(second.body).toBe('plain text');
    expect(models.servedBy).toBe('models');
    expect((large.body as { messages: Array<{ content: string }> }).messages[0].content).toHaveLength(3_000_000);
  });

  it('is driven over HTTP by the control API', async () => {
    const control = (path: string, init?: RequestInit) => fetch(`${up.origin}${path}`, init);
    expect((await control('/__health')).status).toBe(200);
    const bad = await control('/__script', { method: 'POST', body: JSON.stringify({ steps: [{ kind: 'text' }] }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/steps\[0\] \(text\): content must be a string/);
    const ok = await control('/__script', { method: 'POST', body: JSON.stringify({ steps: [{ kind: 'text', content: 'from HTTP' }] }) });
    expect(await ok.json()).toEqual({ ok: true, queued: 1 });
    expect((await (await chat({})).json()).choices[0].message.content).toBe('from HTTP');
    const recorded = await (await control('/__requests')).json();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', servedBy: 'text' });
    await control('/__reset', { method: 'POST' });
    expect(await (await control('/__requests')).json()).toEqual([]);
  });

  it('closes even with a request left hanging', async () => {
    const other = await startTestUpstream();
    other.script([{ kind: 'hang' }]);
    const pending = fetch(`${other.url}/chat/completions`, { method: 'POST', body: '{}' });
    await until(() => other.requests().length === 1);
    await other.close();
    await expect(pending).rejects.toThrow();
  });
});
