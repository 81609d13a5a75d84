/**
 * How the test upstream answers one chat-completion request: a scripted step, or the echo model's
 * reply as a completion or a stream. Streams go out one `write` per event, honouring backpressure,
 * from buffers prepared in advance where the step allows it.
 */
import { completionBody, estimateUsage, streamChunks } from './protocol.mjs';
import { echoAnswer } from './steps.mjs';

/**
 * @typedef {import('./steps.mjs').PreparedStep} PreparedStep
 * @typedef {import('node:http').ServerResponse} Response
 */

const DONE = Buffer.from('data: [DONE]\n\n');
const JSON_TYPE = 'application/json';
/** Responses this server cut on purpose: their close is not the client going away. */
const cutByUs = new WeakSet();

/** True when the connection was ended by a `cut` stream step. @param {Response} res */
export const wasCut = (res) => cutByUs.has(res);

/** @param {PreparedStep} step @param {unknown} body @param {Response} res @param {number} n */
export async function serveStep(step, body, res, n) {
  const headers = { 'x-request-id': `req_test_${n}`, ...step.headers };
  const delayMs = step.delayMs ?? 0;
  switch (step.kind) {
    case 'hang':
      return; // The record turns `aborted` when the client gives up.
    case 'stream':
      return writeEvents(res, /** @type {Buffer[]} */ (step.events), { delayMs, cut: step.cut === true, headers });
    case 'completion':
    case 'error': {
      await sleep(delayMs);
      const fallbackType = step.kind === 'error' && typeof step.body === 'string' ? 'text/plain; charset=utf-8' : JSON_TYPE;
      const status = step.kind === 'error' ? step.status : step.status ?? 200;
      return send(res, status, step.contentType ?? fallbackType, /** @type {Buffer} */ (step.payload), headers);
    }
    case 'text':
      return answer(res, body, n, { content: step.content, calls: [], finishReason: step.finishReason ?? 'stop' }, delayMs, headers);
    case 'toolCalls':
      return answer(res, body, n, { content: step.content ?? null, calls: step.calls, finishReason: step.finishReason ?? 'tool_calls' }, delayMs, headers);
  }
}

/** @param {unknown} body @param {Response} res @param {number} n */
export async function serveDefault(body, res, n) {
  const request = /** @type {Record<string, any>} */ (body);
  if (typeof request !== 'object' || request === null || !Array.isArray(request.messages) || request.messages.length === 0) {
    return sendJson(res, 400, openAiError('test upstream: body must be JSON with a non-empty messages array', 'invalid_request_error'));
  }
  const { content, calls } = echoAnswer(request);
  return answer(res, body, n, { content, calls, finishReason: calls.length ? 'tool_calls' : 'stop' }, 0, { 'x-request-id': `req_test_${n}` });
}

/**
 * A proper completion, or a proper stream when the request said `stream: true`.
 * @param {Response} res @param {unknown} body @param {number} n
 * @param {{ content: string | null, calls: import('./types').ToolCallSpec[], finishReason: string }} reply
 * @param {number} delayMs @param {Record<string, string>} headers
 */
async function answer(res, body, n, reply, delayMs, headers) {
  const request = /** @type {Record<string, any>} */ (typeof body === 'object' && body !== null ? body : {});
  const calls = reply.calls.map((call, i) => ({
    id: call.id ?? `call_${n}_${i}`,
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
  const usage = estimateUsage(
    JSON.stringify(request.messages ?? '') + JSON.stringify(request.tools ?? ''),
    (reply.content ?? '') + calls.map((c) => c.name + c.arguments).join(''),
  );
  const base = {
    id: `chatcmpl-test-${n}`,
    model: typeof request.model === 'string' ? request.model : 'test-model',
    created: Math.floor(Date.now() / 1000),
    content: reply.content,
    calls,
    finishReason: reply.finishReason,
  };
  if (request.stream !== true) {
    await sleep(delayMs);
    return sendJson(res, 200, completionBody({ ...base, usage }), headers);
  }
  const withUsage = request.stream_options?.include_usage === true;
  const events = streamChunks({ ...base, usage: withUsage ? usage : undefined }).map((c) => Buffer.from(`data: ${JSON.stringify(c)}\n\n`));
  events.push(DONE);
  return writeEvents(res, events, { delayMs, cut: false, headers });
}

/**
 * Writes SSE events one `write` each, waiting for `drain` when the socket pushes back and stopping
 * as soon as the client is gone. `cut` ends the TCP connection after the last event, so the client
 * sees the body end without [DONE] or the chunked terminator: a premature close.
 * @param {Response} res @param {Buffer[]} events
 * @param {{ delayMs: number, cut: boolean, headers: Record<string, string> }} options
 */
async function writeEvents(res, events, { delayMs, cut, headers }) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
  res.flushHeaders();
  for (let i = 0; i < events.length; i++) {
    if (i > 0 && delayMs > 0) await sleep(delayMs);
    if (res.destroyed) return;
    if (!res.write(events[i])) await drained(res);
  }
  if (res.destroyed) return;
  if (cut) {
    cutByUs.add(res);
    res.socket?.end();
    setTimeout(() => res.socket?.destroy(), 1000).unref();
    return;
  }
  res.end();
}

/** @param {Response} res */
function drained(res) {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve(undefined);
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** @param {string} message @param {string} code */
export const openAiError = (message, code) => ({ error: { message, type: 'invalid_request_error', code, param: null } });

/** @param {Response} res @param {number} status @param {unknown} value @param {Record<string, string>} [headers] */
export const sendJson = (res, status, value, headers = {}) => send(res, status, JSON_TYPE, Buffer.from(JSON.stringify(value)), headers);

/** @param {Response} res @param {number} status @param {string} type @param {Buffer} payload @param {Record<string, string>} [headers] */
export function send(res, status, type, payload, headers = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': type, 'content-length': String(payload.length), ...headers });
  res.end(payload);
}

/** An exception while serving is a bug in the script or here: say so instead of hanging. */
export function fail(/** @type {Response} */ res, /** @type {Error} */ error) {
  if (res.destroyed) return;
  if (res.headersSent) return void res.destroy(error);
  sendJson(res, 500, { error: { message: `test upstream failed: ${error.message}`, type: 'test_upstream_error' } });
}

const sleep = (/** @type {number} */ ms) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

