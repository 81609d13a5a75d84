/**
 * The proxy sends the adapted request (adapt-request.ts) and tells an inspecting client what it
 * changed: in the `: upstream-response` comment of a stream and in the x-playground-adaptations
 * header of every answer.
 */
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '@/lib/wire/chat';
import { ADAPTATIONS_HEADER, parseAdaptationsHeader } from '@/lib/inspector/adaptations';
import { proxyChatCompletion } from './chat-proxy';
import { useLocalUpstream } from './testing/local-upstream';

const KEY = 'sk-adapt-unit-test-000000';
const local = useLocalUpstream(KEY, { AIML_API_TIMEOUT_MS: '5000' });
const signal = () => new AbortController().signal;

const mistral: ChatRequest = {
  model: 'mistral-large-latest',
  messages: [
    { role: 'user', content: 'Weather in Oslo?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_abc_123', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
    { role: 'tool', tool_call_id: 'call_abc_123', content: '12 °C' },
  ],
  parallel_tool_calls: false,
};
const env = { id: 'chatcmpl-a1', object: 'chat.completion.chunk', created: 1735689600, model: 'mistral-large-latest' };
const chunks = [
  { ...env, choices: [{ index: 0, delta: { role: 'assistant', content: 'Mild.' }, finish_reason: null }] },
  { ...env, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
];
const completion = {
  id: 'chatcmpl-a2', object: 'chat.completion', created: 1735689600, model: 'mistral-large-latest',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Mild.' }, finish_reason: 'stop' }],
};

function sentIds(): { call: string; result: string; parallel: unknown } {
  const body = local.upstream.requests()[0].body;
  return { call: body.messages[1].tool_calls[0].id, result: body.messages[2].tool_call_id, parallel: body.parallel_tool_calls };
}

describe('the proxy adapts requests', () => {
  it('sends the adapted request, and says so in the stream and its header when inspected', async () => {
    local.upstream.script([{ kind: 'stream', chunks }]);
    const response = await proxyChatCompletion({ ...mistral, stream: true }, { signal: signal(), inspect: true });
    const raw = await response.text();
    const sent = sentIds();
    expect(sent.call).toMatch(/^[a-zA-Z0-9]{9}$/);
    expect(sent.result).toBe(sent.call);
    expect(sent.parallel).toBeUndefined();
    const info = JSON.parse(raw.split('\n')[0].slice(': upstream-response '.length));
    expect(info.adaptations.map((a: { rule: string }) => a.rule)).toEqual(['parallel-tool-calls-without-tools', 'mistral-tool-call-ids']);
    expect(info.adaptations[1]).toMatchObject({ provider: 'Mistral', message: expect.stringContaining(`call_abc_123 → ${sent.call}`) });
    expect(parseAdaptationsHeader(response.headers.get(ADAPTATIONS_HEADER))).toEqual(info.adaptations);
  });

  it('sends the adapted request in a plain call too, the adaptations in the header', async () => {
    local.upstream.script([{ kind: 'completion', body: completion }]);
    const response = await proxyChatCompletion(mistral, { signal: signal(), inspect: true });
    expect((await response.json()).choices[0].message.content).toBe('Mild.');
    expect(sentIds().call).toMatch(/^[a-zA-Z0-9]{9}$/);
    const adaptations = parseAdaptationsHeader(response.headers.get(ADAPTATIONS_HEADER));
    expect(adaptations.map((a) => a.rule)).toEqual(['parallel-tool-calls-without-tools', 'mistral-tool-call-ids']);
    // Header values are ASCII: the arrow is escaped, and reads back as itself.
    expect(response.headers.get(ADAPTATIONS_HEADER)).toContain('\\u2192');
    expect(adaptations[1].message).toContain('→');
  });

  it('keeps the header on an upstream error, and leaves it out when not inspecting', async () => {
    local.upstream.script([{ kind: 'error', status: 400, body: { error: { message: 'Bad request', type: 'invalid_request_error' } } }]);
    const failed = await proxyChatCompletion(mistral, { signal: signal(), inspect: true });
    expect(failed.status).toBe(400);
    expect(parseAdaptationsHeader(failed.headers.get(ADAPTATIONS_HEADER))).toHaveLength(2);
    local.upstream.script([{ kind: 'completion', body: completion }]);
    const plain = await proxyChatCompletion(mistral, { signal: signal(), inspect: false });
    expect(plain.headers.has(ADAPTATIONS_HEADER)).toBe(false);
    expect(sentIds().call).toMatch(/^[a-zA-Z0-9]{9}$/);
  });

  it('adds nothing for a request that needs no adaptation', async () => {
    local.upstream.script([{ kind: 'stream', chunks }]);
    const response = await proxyChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true }, { signal: signal(), inspect: true });
    const raw = await response.text();
    expect(raw.split('\n')[0]).not.toContain('adaptations');
    expect(response.headers.has(ADAPTATIONS_HEADER)).toBe(false);
  });
});
