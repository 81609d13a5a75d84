/**
 * A scripted OpenAI-compatible upstream on loopback, for end-to-end tests, HTTP-level tests and
 * benchmarks (the app reaches it through AIML_API_BASE_URL=http://127.0.0.1:<port>/v1).
 *
 * In-process: `const up = await startTestUpstream(); up.script([...steps]); … up.requests(); await up.close()`.
 * Another process (a Playwright spec) drives the same thing over HTTP:
 *   POST /__script {"steps": Step[]} replaces the queue (malformed: 400 naming the bad field, and
 *                                    every completion answers 500 with that message until fixed)
 *   POST /__models {"steps": Step[]} the same for GET /v1/models (completion, error, hang, flood:
 *                                    a `completion` step's body is the list), the default list when empty
 *   POST /__reset                    empties both queues and the record
 *   POST /__delay {"ms": n}          every chat completion answers n ms late (a fixed think time)
 *   GET  /__requests                 RecordedRequest[] (see types.d.ts)
 *   GET  /__health                   200
 * Served: POST /v1/chat/completions (one step each, the echo model when none is queued), GET /v1/models.
 * Hostile steps for the proxy's defences: `flood` (huge or endless bodies and lines, gzip bombs, a
 * stream for a client that stops reading) and `reflectAuth` (headers and bodies that echo the key).
 * CLI: `node e2e/upstream/server.mjs --port 4010 [--host 127.0.0.1] [--delay-ms 100]`.
 */
import http from 'node:http';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fail, openAiError, send, sendJson, serveDefault, serveStep, wasCut } from './respond.mjs';
import { StepQueue, prepareSteps, reflectAuthorization } from './steps.mjs';

/**
 * @typedef {import('./types').TestUpstream} TestUpstream
 * @typedef {import('./types').RecordedRequest} RecordedRequest
 * @typedef {import('node:http').ServerResponse} Response
 */

const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** The steps that make sense as an answer to GET /v1/models. */
const MODELS_KINDS = ['completion', 'error', 'hang', 'flood'];
// o3-mini is not among the 53 known function-calling models: the page lists it under "Other models from the provider".
const MODEL_IDS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4-turbo', 'gpt-3.5-turbo', 'mistralai/Mixtral-8x7B-Instruct-v0.1', 'o3-mini'];

/**
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<TestUpstream>}
 */
export async function startTestUpstream({ port = 0, host = '127.0.0.1', delayMs = 0 } = {}) {
  const queue = new StepQueue();
  let delay = checkedDelay(delayMs);
  const modelsQueue = new StepQueue();
  /** @type {RecordedRequest[]} */
  let records = [];
  let served = 0;

  /** A malformed script throws, and also leaves every completion answering 500 with the reason, so
   * that a spec which did not look at the /__script answer still fails with the message in view. */
  const script = (/** @type {unknown} */ steps) => {
    try {
      queue.replace(prepareSteps(steps));
    } catch (error) {
      const message = `test upstream: bad script: ${/** @type {Error} */ (error).message}`;
      const body = { error: { message, type: 'test_upstream_error', code: 'bad_script', param: null } };
      queue.replace(prepareSteps([{ kind: 'error', status: 500, body, repeat: -1 }]));
      throw new TypeError(message);
    }
  };
  const scriptModels = (/** @type {unknown} */ steps) => {
    const prepared = prepareSteps(steps);
    const wrong = prepared.findIndex((step) => !MODELS_KINDS.includes(step.kind));
    if (wrong !== -1) throw new TypeError(`test upstream: bad models script: steps[${wrong}]: kind must be one of ${MODELS_KINDS.join(', ')}`);
    modelsQueue.replace(prepared);
  };
  const reset = () => {
    queue.replace([]);
    modelsQueue.replace([]);
    records = [];
  };
  const requests = () => records.map((r) => ({ ...r }));

  const server = http.createServer((req, res) => {
    handle(req, res).catch((/** @type {Error} */ error) => fail(res, error));
  });

  /** @param {import('node:http').IncomingMessage} req @param {Response} res */
  async function handle(req, res) {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://upstream').pathname.replace(/(.)\/+$/, '$1');
    if (path.startsWith('/__')) return control(method, path, req, res);

    /** @type {RecordedRequest} */
    const record = {
      method, path: req.url ?? '/', headers: { ...req.headers }, body: null, servedBy: 'pending', aborted: false, bytesWritten: 0, waitingForDrain: false,
    };
    records.push(record);
    res.on('close', () => {
      if (!res.writableFinished && !wasCut(res)) record.aborted = true;
    });
    const { text, tooLarge } = await readBody(req);
    record.body = parseBody(text);
    if (tooLarge) {
      record.servedBy = 'too-large';
      return sendJson(res, 413, openAiError(`request body over ${MAX_BODY_BYTES} bytes`, 'request_too_large'));
    }
    if (method === 'GET' && path === '/v1/models') {
      const queued = modelsQueue.next();
      const step = queued?.reflectAuth ? reflectAuthorization(queued, req.headers.authorization) : queued;
      if (step) {
        record.servedBy = `models:${step.kind}`;
        return serveStep(step, record.body, res, 0, record);
      }
      record.servedBy = 'models';
      const data = MODEL_IDS.map((id) => ({ id, object: 'model', created: 1_715_367_049, owned_by: id.includes('/') ? id.split('/')[0] : 'openai' }));
      return sendJson(res, 200, { object: 'list', data });
    }
    if (method === 'POST' && path === '/v1/chat/completions') {
      const n = ++served;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const queued = queue.next();
      const step = queued?.reflectAuth ? reflectAuthorization(queued, req.headers.authorization) : queued;
      record.servedBy = step ? step.kind : 'default';
      return step ? serveStep(step, record.body, res, n, record) : serveDefault(record.body, res, n);
    }
    record.servedBy = 'not-found';
    return sendJson(res, 404, openAiError(`test upstream has no route ${method} ${path}`, 'not_found'));
  }

  /** @param {string} method @param {string} path @param {import('node:http').IncomingMessage} req @param {Response} res */
  async function control(method, path, req, res) {
    const route = `${method} ${path}`;
    if (route === 'GET /__health') return send(res, 200, 'text/plain', Buffer.from('ok'));
    if (route === 'GET /__requests') return sendJson(res, 200, records);
    if (route === 'POST /__reset') {
      reset();
      return sendJson(res, 200, { ok: true });
    }
    if (route === 'POST /__delay') {
      const body = parseBody((await readBody(req)).text);
      try {
        delay = checkedDelay(/** @type {any} */ (body)?.ms);
      } catch (error) {
        return sendJson(res, 400, { error: { message: /** @type {Error} */ (error).message } });
      }
      return sendJson(res, 200, { ok: true, ms: delay });
    }
    if (route === 'POST /__script') {
      const body = parseBody((await readBody(req)).text);
      const steps = Array.isArray(body) ? body : /** @type {any} */ (body)?.steps;
      try {
        script(steps);
      } catch (error) {
        return sendJson(res, 400, { error: { message: /** @type {Error} */ (error).message } });
      }
      return sendJson(res, 200, { ok: true, queued: steps.length });
    }
    if (route === 'POST /__models') {
      const body = parseBody((await readBody(req)).text);
      const steps = Array.isArray(body) ? body : /** @type {any} */ (body)?.steps;
      try {
        scriptModels(steps);
      } catch (error) {
        return sendJson(res, 400, { error: { message: /** @type {Error} */ (error).message } });
      }
      return sendJson(res, 200, { ok: true, queued: steps.length });
    }
    return sendJson(res, 404, { error: { message: `test upstream has no control route ${route}` } });
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  return {
    url: `${origin}/v1`,
    origin,
    port: address.port,
    script,
    scriptModels,
    requests,
    reset,
    setDelay: (/** @type {number} */ ms) => {
      delay = checkedDelay(ms);
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A delay in ms: a whole number from 0 to 10 minutes. @param {unknown} ms */
function checkedDelay(ms) {
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 600_000) throw new TypeError('test upstream: the delay must be a whole number of ms from 0 to 600000');
  return ms;
}

/** @param {import('node:http').IncomingMessage} req */
async function readBody(req) {
  /** @type {Buffer[]} */
  const parts = [];
  let size = 0;
  for await (const part of req) {
    size += part.length;
    if (size <= MAX_BODY_BYTES) parts.push(part);
  }
  return { text: Buffer.concat(parts).toString('utf8'), tooLarge: size > MAX_BODY_BYTES };
}

/** @param {string} text */
function parseBody(text) {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `--name value` or `--name=value`. @param {string[]} argv @param {string} name */
function option(argv, name) {
  const at = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (at === -1) return undefined;
  return argv[at].includes('=') ? argv[at].slice(name.length + 3) : argv[at + 1];
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  const argv = process.argv.slice(2);
  const port = Number(option(argv, 'port') ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number, e.g. --port 4010');
  const upstream = await startTestUpstream({ port, host: option(argv, 'host') ?? '127.0.0.1', delayMs: Number(option(argv, 'delay-ms') ?? 0) });
  console.log(`test upstream listening on ${upstream.url}`);
  const stop = () => upstream.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
