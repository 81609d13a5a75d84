/**
 * Realistic answers to script into the test upstream: the guide's example (gpt-4o calling
 * get_current_weather for New York, San Francisco and Chicago in parallel), text streams, the AI/ML
 * API's own error body, and the provider quirks a client of "OpenAI-compatible" servers meets in
 * practice, each as a ready step with the calls a tolerant client should end up with.
 */
import { completionBody, estimateUsage, splitEven, splitTokens, streamChunks } from './protocol.mjs';

/**
 * @typedef {import('./types').StreamStep} StreamStep
 * @typedef {import('./types').CompletionStep} CompletionStep
 * @typedef {import('./types').ErrorStep} ErrorStep
 * @typedef {import('./protocol.mjs').WireCall} WireCall
 * @typedef {{ name: string, arguments: Record<string, unknown> }} ExpectedCall
 * @typedef {{ description: string, tools: object[], expected: ExpectedCall[], step: StreamStep, completion?: CompletionStep }} Quirk
 */

/** The tool from the function-calling guide (seeds/000). */
export const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['location'],
    },
  },
};

/** A tool without parameters: the case where providers send "" or null as its arguments. */
export const TIME_TOOL = { type: 'function', function: { name: 'get_time', description: 'Get the current time' } };

export const DEFAULT_CITIES = ['New York', 'San Francisco', 'Chicago'];
export const WEATHER_PROMPT = 'What is the current temperature of New York, San Francisco, and Chicago?';
const MODEL = 'gpt-4o-2024-08-06';
const CREATED = 1_727_000_000;
const STREAM_ID = 'chatcmpl-AbCtestUpstream0001';
const COMPLETION_ID = 'chatcmpl-AbCtestUpstream0002';

/** @param {string} city */
export const weatherArguments = (city) => ({ location: city, unit: 'fahrenheit' });

/** One `chat.completion.chunk` with this module's id, model and timestamp. */
export function chunk(/** @type {Record<string, unknown>} */ delta, /** @type {string | null} */ finishReason = null) {
  return {
    id: STREAM_ID,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: MODEL,
    system_fingerprint: 'fp_test_upstream',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

/**
 * gpt-4o's stream for three parallel get_current_weather calls: the first call announced in the role
 * chunk, each call's arguments in token-sized pieces, `finish_reason: "tool_calls"`.
 * @param {{ ids?: string[], cities?: string[], usage?: boolean, model?: string }} [options]
 *   `usage`: add `usage: null` to every chunk and a final usage chunk, as with include_usage.
 */
export function weatherToolCallChunks({ ids, cities = DEFAULT_CITIES, usage = false, model = MODEL } = {}) {
  const calls = weatherCalls(cities, ids);
  const args = calls.map((c) => c.arguments).join('');
  return streamChunks({
    id: STREAM_ID, model, created: CREATED, content: null, calls, finishReason: 'tool_calls',
    usage: usage ? estimateUsage(WEATHER_PROMPT, args) : undefined, split: splitTokens,
  });
}

/** A text answer streamed as a role chunk, `n` content chunks of about equal size, and a stop chunk. */
export function textChunks(/** @type {string} */ text, n = 3) {
  return streamChunks({
    id: STREAM_ID, model: MODEL, created: CREATED, content: text, calls: [], finishReason: 'stop',
    splitContent: (t) => splitEven(t, n),
  });
}

/** The AI/ML API's own error body (it does not use OpenAI's `{ error: {...} }` shape). */
export function aimlError(/** @type {number} */ status, /** @type {string} */ message) {
  return {
    message,
    path: '/v1/chat/completions',
    requestId: '5b0c6f7e-2d1a-4c3b-9e8f-0a1b2c3d4e5f',
    statusCode: status,
    timestamp: new Date().toISOString(),
  };
}

/** @returns {ErrorStep} */
export const aimlErrorStep = (/** @type {number} */ status, /** @type {string} */ message) => ({
  kind: 'error', status, body: aimlError(status, message),
});

/** @param {string[]} cities @param {string[]} [ids] @returns {WireCall[]} */
function weatherCalls(cities, ids) {
  return cities.map((city, i) => ({
    id: ids?.[i] ?? `call_weather_${i}`,
    name: 'get_current_weather',
    arguments: JSON.stringify(weatherArguments(city)),
  }));
}

/** @param {unknown} args @returns {WireCall[]} */
const timeCalls = (args) => [0, 1, 2].map((i) => ({ id: `call_time_${i}`, name: 'get_time', arguments: args }));

/** The standard stream of `calls`, with every tool-call delta passed through `edit` (on a copy). */
function editedStream(/** @type {WireCall[]} */ calls, /** @type {(d: Record<string, any>) => void} */ edit = () => {}, finishReason = 'tool_calls') {
  const chunks = streamChunks({ id: STREAM_ID, model: MODEL, created: CREATED, content: null, calls, finishReason, split: splitTokens });
  const copy = JSON.parse(JSON.stringify(chunks));
  for (const c of copy) for (const d of c.choices[0]?.delta.tool_calls ?? []) edit(d);
  return copy;
}

/** @returns {CompletionStep} */
function completionOf(/** @type {WireCall[]} */ calls, /** @type {(c: Record<string, any>) => void} */ edit = () => {}, finishReason = 'tool_calls') {
  const body = completionBody({ id: COMPLETION_ID, model: MODEL, created: CREATED, content: null, calls, finishReason,
    usage: estimateUsage(WEATHER_PROMPT, '') });
  for (const c of /** @type {Array<Record<string, any>>} */ (body.choices[0].message.tool_calls ?? [])) edit(c);
  return { kind: 'completion', body };
}

/** @param {object[]} chunks @returns {StreamStep} */
const stream = (chunks) => ({ kind: 'stream', chunks });

const weather = weatherCalls(DEFAULT_CITIES);
const weatherObjects = weather.map((c) => ({ ...c, arguments: JSON.parse(String(c.arguments)) }));
/** @type {ExpectedCall[]} */
const expectedWeather = DEFAULT_CITIES.map((city) => ({ name: 'get_current_weather', arguments: weatherArguments(city) }));
/** @type {ExpectedCall[]} */
const expectedTime = [0, 1, 2].map(() => ({ name: 'get_time', arguments: {} }));
const whole = (/** @type {WireCall} */ c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } });
const roleChunk = chunk({ role: 'assistant', content: null });

/** Provider quirks, each three parallel calls; `expected` is what a tolerant client should make of them. */
/** @type {Record<string, Quirk>} */
export const QUIRKS = {
  argumentsObject: {
    description: 'arguments arrive as a JSON object instead of a JSON string, each call whole in one delta',
    tools: [WEATHER_TOOL], expected: expectedWeather,
    step: stream([roleChunk, ...weatherObjects.map((c, index) => chunk({ tool_calls: [{ index, ...whole(c) }] })), chunk({}, 'tool_calls')]),
    completion: completionOf(weatherObjects),
  },
  emptyIds: {
    description: 'every call id is the empty string',
    tools: [WEATHER_TOOL], expected: expectedWeather,
    step: stream(editedStream(weather, (d) => { if ('id' in d) d.id = ''; })),
    completion: completionOf(weather, (c) => { c.id = ''; }),
  },
  missingIds: {
    description: 'no call carries an id',
    tools: [WEATHER_TOOL], expected: expectedWeather,
    step: stream(editedStream(weather, (d) => { delete d.id; })),
    completion: completionOf(weather, (c) => { delete c.id; }),
  },
  missingIndex: {
    description: 'tool-call deltas have no index; each call comes whole in its own delta',
    tools: [WEATHER_TOOL], expected: expectedWeather,
    step: stream([roleChunk, ...weather.map((c) => chunk({ tool_calls: [whole(c)] })), chunk({}, 'tool_calls')]),
  },
  missingIndexSplit: {
    description: 'tool-call deltas have no index; a call starts with its id and name, and the argument pieces that follow carry neither index nor id',
    tools: [WEATHER_TOOL], expected: expectedWeather,
    step: stream(editedStream(weather, (d) => { delete d.index; })),
  },
  reusedIndex: {
    description: 'all three calls use index 0, told apart only by their ids; argument pieces carry index 0 and no id',
    tools: [WEATHER_TOOL], expected: expectedWeather,
    step: stream(editedStream(weather, (d) => { d.index = 0; })),
  },
  allInOneChunk: {
    description: 'all three calls complete (index, id, name, full arguments) in a single chunk',
    tools: [WEATHER_TOOL], expected: expectedWeather,
    step: stream([roleChunk, chunk({ tool_calls: weather.map((c, index) => ({ index, ...whole(c) })) }), chunk({}, 'tool_calls')]),
  },
  finishReasonStop: {
    description: 'the calls end with finish_reason "stop" instead of "tool_calls"',
    tools: [WEATHER_TOOL], expected: expectedWeather,
    step: stream(editedStream(weather, undefined, 'stop')),
    completion: completionOf(weather, undefined, 'stop'),
  },
  emptyArguments: {
    description: 'get_time (no parameters) is called with arguments "" instead of "{}"',
    tools: [TIME_TOOL], expected: expectedTime,
    step: stream(editedStream(timeCalls(''))),
    completion: completionOf(timeCalls('')),
  },
  nullArguments: {
    description: 'get_time (no parameters) is called with arguments null',
    tools: [TIME_TOOL], expected: expectedTime,
    step: stream(editedStream(timeCalls(''), (d) => { if (d.function) d.function.arguments = null; })),
    completion: completionOf(timeCalls(null)),
  },
};
