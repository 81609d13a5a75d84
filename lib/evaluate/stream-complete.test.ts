import { describe, expect, it } from 'vitest';
import { streamChat } from '@/lib/wire/chat-client';
import { parseRetryAfter } from './complete';
import { completeWithStreamChat } from './stream-complete';

const sse = (events: unknown[]) => `${events.map((event) => `data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`).join('')}`;
const chunk = (delta: unknown, extra: Record<string, unknown> = {}) => ({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: null }], ...extra });

function fakeFetch(status: number, body: string, headers: Record<string, string> = {}): { fetch: typeof fetch; sent: Array<{ url: string; body: unknown }> } {
  const sent: Array<{ url: string; body: unknown }> = [];
  return {
    sent,
    fetch: (async (url: string, init: RequestInit) => {
      sent.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(body, { status, headers: { 'content-type': status === 200 ? 'text/event-stream' : 'application/json', ...headers } });
    }) as unknown as typeof fetch,
  };
}

const request = { model: 'ignored', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('completeWithStreamChat', () => {
  it('assembles streamed tool calls, content and usage, and times the first token', async () => {
    const body = sse([
      chunk({ role: 'assistant' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"ci' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', function: { name: 'get_time', arguments: '{}' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] }),
      chunk({}, { choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } }),
      '[DONE]',
    ]);
    const { fetch, sent } = fakeFetch(200, body);
    let clock = 0;
    const complete = completeWithStreamChat(streamChat, { fetch, url: 'http://x/v1/chat/completions', now: () => (clock += 10) });
    const outcome = await complete('gpt-4o', request, new AbortController().signal);
    expect(outcome).toEqual({
      ok: true,
      message: {
        content: null,
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      },
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
      first_token_ms: 10,
      total_ms: 20,
    });
    expect(sent[0]).toMatchObject({ url: 'http://x/v1/chat/completions', body: { model: 'gpt-4o', stream: true, stream_options: { include_usage: true } } });
  });

  it('keeps the text of a final answer', async () => {
    const { fetch } = fakeFetch(200, sse([chunk({ content: 'It is ' }), chunk({ content: 'sunny.' }), '[DONE]']));
    const outcome = await completeWithStreamChat(streamChat, { fetch })('m', request, new AbortController().signal);
    expect(outcome).toMatchObject({ ok: true, message: { content: 'It is sunny.' } });
  });

  it('maps an error to its status, message and Retry-After', async () => {
    const { fetch } = fakeFetch(429, JSON.stringify({ error: { message: 'Too many requests', type: 'rate_limit' } }), { 'retry-after': '7' });
    expect(await completeWithStreamChat(streamChat, { fetch })('m', request, new AbortController().signal)).toEqual({
      ok: false,
      status: 429,
      message: 'Too many requests',
      retry_after_ms: 7_000,
    });
  });

  it('a stream cut off is a failure with no status', async () => {
    const { fetch } = fakeFetch(200, sse([chunk({ content: 'It is' })]));
    expect(await completeWithStreamChat(streamChat, { fetch })('m', request, new AbortController().signal)).toMatchObject({ ok: false, status: null, retry_after_ms: null });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
