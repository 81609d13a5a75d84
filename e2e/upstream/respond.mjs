/**
 * How the test upstream answers one chat-completion request: a scripted step, or the echo model's
 * reply as a completion or a stream. Streams go out one `write` per event, honouring backpressure,
 * from buffers prepared in advance where the step allows it.
 */
import zlib from 'node:zlib';
import { completionBody, estimateUsage, streamChunks } from './protocol.mjs';
import { FLOOD_BLOCK_BYTES, FLOOD_GZIP_BLOCK_BYTES, echoAnswer } from './steps.mjs';

/**
 * @typedef {import('./steps.mjs').PreparedStep} PreparedStep
 * @typedef {import('node:http').ServerResponse} Response
 * @typedef {{ bytesWritten: number, waitingForDrain: boolean }} Progress  what the body writes got so far
 */

const DONE = Buffer.from('data: [DONE]\n\n');
const JSON_TYPE = 'application/json';
/** Responses this server cut on purpose: their close is not the client going away. */
const cutByUs = new WeakSet();

/** True when the connection was ended by a `cut` stream step. @param {Response} res */
export const wasCut = (res) => cutByUs.has(res);

/**
 * @param {PreparedStep} step @param {unknown} body @param {Response} res @param {number} n
 * @param {Progress} [progress] updated as stream and flood bodies are written
 */
export async function serveStep(step, body, res, n, progress = { bytesWritten: 0, waitingForDrain: false }) {
  const headers = { 'x-request-id': `req_test_${n}`, ...step.headers };
  const delayMs = step.delayMs ?? 0;
  switch (step.kind) {
    case 'hang':
      return; // The record turns `aborted` when the client gives up.
    case 'stream':
      return writeEvents(res, /** @type {Buffer[]} */ (step.events), { delayMs, cut: step.cut === true, headers, progress });
    case 'flood':
      return flood(res, step, headers, progress);
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
 * A flood step: `prefix`, `fill` repeated (`bytes` worth, or without end), `suffix`, in blocks of about
 * 64 KB written as fast as the client takes them (`delayMs` between blocks), each write counted in
 * `progress`. With gzip each block is a gzip member of its own (a gzip body may hold many): a 1 MB
 * block of one character compresses to about 1 KB, so a few hundred KB inflate to hundreds of MB.
 * @param {Response} res @param {PreparedStep & import('./types').FloodStep} step
 * @param {Record<string, string>} headers @param {Progress} progress
 */
async function flood(res, step, headers, progress) {
  const gzip = step.encoding === 'gzip';
  res.writeHead(step.status ?? 200, {
    'content-type': step.contentType ?? 'text/event-stream; charset=utf-8',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    ...headers,
  });
  res.flushHeaders();
  const encode = (/** @type {string} */ text) => (gzip ? zlib.gzipSync(text) : Buffer.from(text));
  const perBlock = Math.max(1, Math.ceil((gzip ? FLOOD_GZIP_BLOCK_BYTES : FLOOD_BLOCK_BYTES) / Buffer.byteLength(step.fill)));
  const block = encode(step.fill.repeat(perBlock));
  const delayMs = step.delayMs ?? 0;
  /** False once the client is gone. @param {Buffer} data */
  const write = async (data) => {
    if (res.destroyed) return false;
    progress.bytesWritten += data.length;
    if (!res.write(data)) {
      progress.waitingForDrain = true;
      await drained(res);
      progress.waitingForDrain = false;
    }
    return !res.destroyed;
  };
  if (step.prefix && !(await write(encode(step.prefix)))) return;
  for (let left = step.bytes === -1 ? Infinity : Math.ceil(step.bytes / Buffer.byteLength(step.fill)); left > 0; left -= perBlock) {
    if (!(await write(left >= perBlock ? block : encode(step.fill.repeat(left))))) return;
    await sleep(delayMs);
  }
  if (step.suffix && !(await write(encode(step.suffix)))) return;
  res.end();
}

/**
 * Writes SSE events one `write` each, waiting for `drain` when the socket pushes back and stopping
 * as soon as the client is gone. `cut` ends the TCP connection after the last event, so the client
 * sees the body end without [DONE] or the chunked terminator: a premature close.
 * @param {Response} res @param {Buffer[]} events
 * @param {{ delayMs: number, cut: boolean, headers: Record<string, string>, progress?: Progress }} options
 */
async function writeEvents(res, events, { delayMs, cut, headers, progress }) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
  res.flushHeaders();
  for (let i = 0; i < events.length; i++) {
    if (i > 0 && delayMs > 0) await sleep(delayMs);
    if (res.destroyed) return;
    if (progress) progress.bytesWritten += events[i].length;
    if (!res.write(events[i])) {
      if (progress) progress.waitingForDrain = true;
      await drained(res);
      if (progress) progress.waitingForDrain = false;
    }
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

