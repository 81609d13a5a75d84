/**
 * Chat Completions response builders for the test upstream and its fixtures: a `chat.completion`
 * body, or the `chat.completion.chunk` sequence a real model streams for the same answer (role first,
 * each tool call announced with index, id, type, name and empty arguments, then its arguments in
 * pieces, a finish chunk, and with include_usage a final usage chunk with no choices).
 */

/**
 * @typedef {{ id: string, name: string, arguments: unknown }} WireCall
 *   `arguments` is normally a string; fixtures pass other values to script provider quirks.
 * @typedef {{ prompt_tokens: number, completion_tokens: number, total_tokens: number }} Usage
 * @typedef {{
 *   id: string, model: string, created: number,
 *   content: string | null, calls: WireCall[], finishReason: string, usage?: Usage | null,
 *   split?: (text: string) => string[], splitContent?: (text: string) => string[],
 * }} Answer
 *   `split` cuts each call's arguments (default: three pieces), `splitContent` the text (default: words).
 */

export const SYSTEM_FINGERPRINT = 'fp_test_upstream';

/** @param {Answer} answer */
export function completionBody({ id, model, created, content, calls, finishReason, usage }) {
  /** @type {Record<string, unknown>} */
  const message = { role: 'assistant', content, refusal: null };
  if (calls.length > 0) {
    message.tool_calls = calls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage: usage ?? undefined,
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/**
 * The stream for one answer. `usage` given = the request asked for include_usage: every chunk then
 * carries `usage: null` and a last chunk with `choices: []` carries the numbers, as OpenAI does.
 * @param {Answer} answer
 * @returns {object[]}
 */
export function streamChunks(answer) {
  const { id, model, created, content, calls, finishReason, usage } = answer;
  const { split = splitInThree, splitContent = splitWords } = answer;
  const withUsage = usage != null;
  /** @param {Record<string, unknown>} delta @param {string | null} [finish] */
  const chunk = (delta, finish = null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(withUsage ? { usage: null } : {}),
  });
  const chunks = [];
  /** @type {Record<string, unknown>} */
  const role = { role: 'assistant', content: content ? '' : null, refusal: null };
  if (content) {
    chunks.push(chunk(role));
    for (const piece of splitContent(content)) chunks.push(chunk({ content: piece }));
  }
  calls.forEach((call, index) => {
    const header = { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
    // A model that calls straight away announces the first call in the role chunk.
    chunks.push(chunk(!content && index === 0 ? { ...role, tool_calls: [header] } : { tool_calls: [header] }));
    const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
    for (const piece of split(args)) chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  if (!content && calls.length === 0) chunks.push(chunk(role));
  chunks.push(chunk({}, finishReason));
  if (withUsage) chunks.push({ ...chunk({}), choices: [], usage });
  return chunks;
}

/** Up to three non-empty pieces of about equal length (the test upstream's own arguments deltas). */
export const splitInThree = (/** @type {string} */ text) => splitEven(text, 3);

/** Up to `n` non-empty pieces of about equal length, cut between code points. */
export function splitEven(/** @type {string} */ text, /** @type {number} */ n) {
  const points = Array.from(text);
  const size = Math.max(1, Math.ceil(points.length / n));
  const pieces = [];
  for (let at = 0; at < points.length; at += size) pieces.push(points.slice(at, at + size).join(''));
  return pieces;
}

/** Word-sized pieces that keep their leading whitespace, like a tokenizer's: "Hello", " world". */
export function splitWords(/** @type {string} */ text) {
  return text.match(/\s*\S+|\s+$/g) ?? (text ? [text] : []);
}

/** Token-like pieces of a JSON text, as gpt-4o streams arguments: `{"`, `location`, `":"`, `New`, ` York`. */
export function splitTokens(/** @type {string} */ text) {
  return text.match(/[A-Za-z]+|\s+[A-Za-z]*|[0-9]+|[^A-Za-z0-9\s]+/g) ?? [];
}

/** A deterministic stand-in for token counts (about four characters a token). */
export function estimateUsage(/** @type {string} */ prompt, /** @type {string} */ completion) {
  const count = (/** @type {string} */ s) => Math.max(1, Math.ceil(s.length / 4));
  const prompt_tokens = count(prompt);
  const completion_tokens = count(completion);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}
