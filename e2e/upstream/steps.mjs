/**
 * The script of the test upstream: step validation (a malformed script fails where it is written, with
 * the field named), the queue that hands one step to each chat-completion request, and the default
 * echo model used when the queue is empty. Stream steps are serialized once, when scripted, so a
 * benchmark that replays a long stream thousands of times pays only for the writes.
 */

/**
 * @typedef {import('./types').Step} Step
 * @typedef {import('./types').ToolCallSpec} ToolCallSpec
 * @typedef {Step & { events?: Buffer[], payload?: Buffer }} PreparedStep
 *   `events`: one `data: …\n\n` buffer per chunk (plus [DONE]); `payload`: a fixed body.
 */

const KINDS = ['completion', 'stream', 'error', 'hang', 'toolCalls', 'text', 'flood'];
/** A flood step writes its fill in blocks of about this many bytes (one gzip member each when compressed). */
export const FLOOD_BLOCK_BYTES = 64 * 1024;
export const FLOOD_GZIP_BLOCK_BYTES = 1024 * 1024;
/** What `reflectAuth` replaces with the bearer token the request carried. */
export const AUTH_PLACEHOLDER = '{{authorization}}';
const DONE = Buffer.from('data: [DONE]\n\n');

/** @param {unknown} value @returns {value is Record<string, unknown>} */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks every step and serializes what can be; throws a TypeError such as
 * `steps[2] (stream): chunks must be an array`.
 * @param {unknown} steps
 * @returns {PreparedStep[]}
 */
export function prepareSteps(steps) {
  if (!Array.isArray(steps)) throw new TypeError('steps must be an array of step objects');
  return steps.map((step, i) => {
    const where = `steps[${i}]${isObject(step) && typeof step.kind === 'string' ? ` (${step.kind})` : ''}`;
    /** @param {boolean} ok @param {string} message */
    const check = (ok, message) => {
      if (!ok) throw new TypeError(`${where}: ${message}`);
    };
    check(isObject(step), 'must be an object such as { kind: "text", content: "Hi" }');
    const s = /** @type {Record<string, any>} */ (step);
    check(KINDS.includes(s.kind), `kind must be one of ${KINDS.join(', ')}`);
    check(s.repeat === undefined || s.repeat === -1 || (Number.isInteger(s.repeat) && s.repeat >= 1),
      'repeat must be a positive integer, or -1 for every request');
    check(s.delayMs === undefined || (Number.isFinite(s.delayMs) && s.delayMs >= 0), 'delayMs must be a number >= 0');
    check(s.headers === undefined || (isObject(s.headers) && Object.values(s.headers).every((v) => typeof v === 'string')),
      'headers must map names to strings');
    check(s.contentType === undefined || typeof s.contentType === 'string', 'contentType must be a string');
    check(s.raw === undefined || typeof s.raw === 'string', 'raw must be a string');
    check(s.reflectAuth === undefined || typeof s.reflectAuth === 'boolean', 'reflectAuth must be a boolean');
    /** @type {PreparedStep} */
    const prepared = { ...s, kind: s.kind };
    switch (s.kind) {
      case 'completion':
        check(s.status === undefined || validStatus(s.status), 'status must be an integer from 200 to 599');
        check(s.raw !== undefined || 'body' in s, 'needs body (any JSON) or raw (a string)');
        prepared.payload = Buffer.from(s.raw ?? JSON.stringify(s.body) ?? 'null');
        break;
      case 'stream':
        check(s.raw !== undefined || Array.isArray(s.chunks), 'chunks must be an array (or give raw text)');
        check(s.done === undefined || typeof s.done === 'boolean', 'done must be a boolean');
        check(s.cut === undefined || typeof s.cut === 'boolean', 'cut must be a boolean');
        if (s.raw !== undefined) prepared.events = [Buffer.from(s.raw)];
        else {
          const events = s.chunks.map((/** @type {unknown} */ c) =>
            Buffer.from(`data: ${typeof c === 'string' ? c : JSON.stringify(c)}\n\n`));
          if (s.done !== false && !s.cut) events.push(DONE);
          prepared.events = events;
        }
        break;
      case 'error':
        check(validStatus(s.status), 'status must be an integer from 200 to 599');
        check(typeof s.body === 'string' || isObject(s.body) || Array.isArray(s.body), 'body must be a string or an object');
        prepared.payload = Buffer.from(typeof s.body === 'string' ? s.body : JSON.stringify(s.body));
        break;
      case 'toolCalls':
        check(Array.isArray(s.calls) && s.calls.length > 0, 'calls must be a non-empty array');
        s.calls.forEach((/** @type {any} */ c, /** @type {number} */ j) => {
          check(isObject(c) && typeof c.name === 'string', `calls[${j}].name must be a string`);
          check(typeof c.arguments === 'string' || isObject(c.arguments), `calls[${j}].arguments must be an object or a string`);
          check(c.id === undefined || typeof c.id === 'string', `calls[${j}].id must be a string`);
        });
        check(s.content === undefined || typeof s.content === 'string', 'content must be a string');
        check(s.finishReason === undefined || typeof s.finishReason === 'string', 'finishReason must be a string');
        break;
      case 'text':
        check(typeof s.content === 'string', 'content must be a string');
        check(s.finishReason === undefined || typeof s.finishReason === 'string', 'finishReason must be a string');
        break;
      case 'flood':
        check(s.status === undefined || validStatus(s.status), 'status must be an integer from 200 to 599');
        check(typeof s.fill === 'string' && s.fill !== '', 'fill must be a non-empty string');
        check(s.bytes === -1 || (Number.isInteger(s.bytes) && s.bytes >= 0), 'bytes must be an integer >= 0, or -1 for no end');
        check(s.prefix === undefined || typeof s.prefix === 'string', 'prefix must be a string');
        check(s.suffix === undefined || typeof s.suffix === 'string', 'suffix must be a string');
        check(s.encoding === undefined || s.encoding === 'gzip', 'encoding must be "gzip" (or left out)');
        break;
    }
    return prepared;
  });
}

/**
 * The step as the request that `reflectAuth` answers sees it: every AUTH_PLACEHOLDER in it replaced
 * by the request's bearer token (JSON-escaped, so that it lands inside JSON strings intact).
 * @param {PreparedStep} step @param {string | string[] | undefined} authorization
 * @returns {PreparedStep}
 */
export function reflectAuthorization(step, authorization) {
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  const token = (header ?? '').replace(/^Bearer\s+/i, '');
  const { events: _events, payload: _payload, ...source } = step;
  const text = JSON.stringify(source).split(AUTH_PLACEHOLDER).join(JSON.stringify(token).slice(1, -1));
  return prepareSteps([{ ...JSON.parse(text), reflectAuth: false }])[0];
}

/** @param {unknown} status */
const validStatus = (status) => Number.isInteger(status) && Number(status) >= 200 && Number(status) <= 599;

/** Hands out steps in order; a step with `repeat` stays at the head until it has served that many. */
export class StepQueue {
  /** @type {Array<{ step: PreparedStep, left: number }>} */
  #items = [];

  /** @param {PreparedStep[]} steps */
  replace(steps) {
    this.#items = steps.map((step) => ({ step, left: step.repeat ?? 1 }));
  }

  /** @returns {PreparedStep | undefined} */
  next() {
    const head = this.#items[0];
    if (!head) return undefined;
    if (head.left !== -1 && --head.left === 0) this.#items.shift();
    return head.step;
  }

  get length() {
    return this.#items.length;
  }
}

/** Text of a message's content, string or parts. @param {unknown} content */
export function contentText(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (isObject(p) && typeof p.text === 'string' ? p.text : '')).join('');
  return content == null ? '' : JSON.stringify(content);
}

/**
 * The echo model. With tools, a user message last and tool_choice other than "none": one call to each
 * tool named in the message (a named tool_choice wins; no name mentioned = the first tool; only one
 * when parallel_tool_calls is false), arguments holding the required parameters with placeholder
 * values ("test" for strings). Otherwise the text `Upstream answer: <last message content>`.
 * @param {Record<string, any>} body a parsed request body that has a messages array
 * @returns {{ content: string | null, calls: Array<{ name: string, arguments: object }> }}
 */
export function echoAnswer(body) {
  const last = body.messages[body.messages.length - 1];
  const text = contentText(last?.content);
  const tools = Array.isArray(body.tools) ? body.tools.filter((t) => isObject(t) && isObject(t.function)) : [];
  const choice = body.tool_choice;
  if (tools.length === 0 || last?.role !== 'user' || choice === 'none') {
    return { content: `Upstream answer: ${text}`, calls: [] };
  }
  let chosen = tools.filter((t) => typeof t.function.name === 'string' && text.includes(t.function.name));
  if (isObject(choice) && isObject(choice.function)) {
    chosen = tools.filter((t) => t.function.name === /** @type {any} */ (choice.function).name);
  }
  if (chosen.length === 0) chosen = [tools[0]];
  if (body.parallel_tool_calls === false) chosen = chosen.slice(0, 1);
  return { content: null, calls: chosen.map((t) => ({ name: t.function.name, arguments: placeholderArguments(t.function.parameters) })) };
}

/** @param {unknown} schema */
function placeholderArguments(schema) {
  /** @type {Record<string, unknown>} */
  const args = {};
  if (!isObject(schema) || !isObject(schema.properties) || !Array.isArray(schema.required)) return args;
  for (const name of schema.required) {
    const prop = schema.properties[name];
    if (!isObject(prop)) args[name] = 'test';
    else if (Array.isArray(prop.enum) && prop.enum.length > 0) args[name] = prop.enum[0];
    else if (prop.type === 'number' || prop.type === 'integer') args[name] = typeof prop.minimum === 'number' ? prop.minimum : 1;
    else if (prop.type === 'boolean') args[name] = true;
    else if (prop.type === 'array') args[name] = [];
    else if (prop.type === 'object') args[name] = {};
    else args[name] = 'test';
  }
  return args;
}
