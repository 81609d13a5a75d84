/**
 * The requests and scripted answers the proxy benchmarks send: the function-calling guide's weather
 * question (with its tool), a non-streamed answer with three parallel tool calls, and a streamed
 * text answer of exactly 200 chunks whose content the client can check for integrity.
 */
import { completionBody, estimateUsage, streamChunks, splitWords } from '../../e2e/upstream/protocol.mjs';
import { WEATHER_PROMPT, WEATHER_TOOL, DEFAULT_CITIES, weatherArguments } from '../../e2e/upstream/fixtures.mjs';

export const CHAT_PATH = '/api/v1/chat/completions';
export const UPSTREAM_CHAT_PATH = '/v1/chat/completions';

/** The body both paths receive (the app validates it, then forwards it). */
export function weatherRequest({ stream = false } = {}) {
  return {
    model: 'gpt-4o',
    messages: [{ role: 'user', content: WEATHER_PROMPT }],
    tools: [WEATHER_TOOL],
    tool_choice: 'auto',
    ...(stream ? { stream: true } : {}),
  };
}

/** A `completion` step: gpt-4o's three parallel get_current_weather calls, served to every request. */
export function weatherCompletionStep() {
  const calls = DEFAULT_CITIES.map((city, i) => ({
    id: `call_weather_${i}`,
    name: 'get_current_weather',
    arguments: JSON.stringify(weatherArguments(city)),
  }));
  const body = completionBody({
    id: 'chatcmpl-bench-plain', model: 'gpt-4o-2024-08-06', created: 1_727_000_000, content: null, calls,
    finishReason: 'tool_calls', usage: estimateUsage(WEATHER_PROMPT, calls.map((c) => c.arguments).join('')),
  });
  return { kind: 'completion', body, repeat: -1 };
}

/** The streamed answer's text: 198 word pieces, so role + 198 content + finish = 200 chunks. */
export const STREAM_CONTENT_PIECES = 198;
export const STREAM_TEXT = Array.from({ length: STREAM_CONTENT_PIECES }, (_, i) => `${i === 0 ? '' : ' '}tok${i}`).join('');

/** A `stream` step of exactly 200 `chat.completion.chunk`s (then `[DONE]`), served to every request. */
export function streamStep({ delayMs = 0 } = {}) {
  const chunks = streamChunks({
    id: 'chatcmpl-bench-stream', model: 'gpt-4o-2024-08-06', created: 1_727_000_000, content: STREAM_TEXT, calls: [],
    finishReason: 'stop', splitContent: splitWords,
  });
  if (chunks.length !== 200) throw new Error(`expected 200 chunks, built ${chunks.length}`);
  return { kind: 'stream', chunks, delayMs, repeat: -1 };
}

/**
 * Reads one SSE body: the content deltas joined, or what is wrong with it (not ending with `[DONE]`,
 * an event that is not JSON, an error event).
 */
export function readStreamBody(text) {
  let content = '';
  let done = false;
  for (const block of text.split('\n\n')) {
    const line = block.split('\n').find((l) => l.startsWith('data: '));
    if (!line) continue;
    const data = line.slice(6);
    if (data === '[DONE]') {
      done = true;
      continue;
    }
    let chunk;
    try {
      chunk = JSON.parse(data);
    } catch {
      return { problem: `event is not JSON: ${data.slice(0, 80)}`, content };
    }
    if (chunk.error) return { problem: `error event: ${JSON.stringify(chunk.error).slice(0, 160)}`, content };
    for (const choice of chunk.choices ?? []) if (typeof choice.delta?.content === 'string') content += choice.delta.content;
  }
  return { problem: done ? null : 'no [DONE]', content };
}

/** Null when the SSE body is complete and its content equals `expected`, else what is wrong. */
export function checkStream(text, expected = STREAM_TEXT) {
  const { problem, content } = readStreamBody(text);
  if (problem) return problem;
  if (content !== expected) return `content differs (${content.length} vs ${expected.length} chars)`;
  return null;
}
