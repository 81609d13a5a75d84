/**
 * The simulator behind a `fetch`, so the official `openai` client talks to it exactly as to a real
 * provider: `POST …/chat/completions` (JSON or SSE), `GET …/models`, OpenAI-shaped errors, and
 * `init.signal` honoured the way fetch honours it.
 */
import { chatRequestSchema, describeIssues, type ChatRequest } from '@/lib/wire/chat';
import { isSimulatorModel, SIMULATOR_MODELS } from '@/lib/wire/models';
import { SSE_DONE, sseData } from '@/lib/wire/sse';
import { hashText } from '@/lib/util/hash';
import { simulateChunks, simulateCompletion } from './completion';
import { SimulatorRequestError } from './conversation';

export interface SimulatorFetchOptions {
  /** Pause before each stream chunk after the first (and before a plain reply), so streaming is visible. */
  chunkDelayMs?: number;
  /**
   * Every body this fetch receives was validated against `chatRequestSchema` already (the server's
   * chat route does, before its openai client sends it), so it is parsed here, not validated again.
   */
  bodiesValidated?: boolean;
}

/** The simulator and its personas, as `GET /models` lists them. */
const MODELS = SIMULATOR_MODELS.map(({ id }) => ({ id, object: 'model', created: 0, owned_by: 'offline-simulator' }) as const);

export function createSimulatorFetch(options: SimulatorFetchOptions = {}): typeof fetch {
  const delayMs = Math.max(0, options.chunkDelayMs ?? 15);
  const validate = options.bodiesValidated ? trustValidated : (body: unknown) => chatRequestSchema.safeParse(body);
  const simulatorFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const signal = init?.signal ?? request?.signal ?? undefined;
    if (signal?.aborted) throw abortError();
    const url = new URL(request?.url ?? String(input));
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/\/+$/, '');

    if (method === 'GET' && path.endsWith('/models')) return json(200, { object: 'list', data: MODELS });
    if (method === 'GET' && /\/models\/[^/]+$/.test(path)) {
      const id = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
      return isSimulatorModel(id) ? json(200, MODELS.find((model) => model.id === id)) : error(404, `The model '${id}' does not exist.`, 'model', 'model_not_found');
    }
    if (method !== 'POST' || !path.endsWith('/chat/completions')) {
      return error(404, `Invalid URL (${method} ${url.pathname}): the offline simulator serves POST /chat/completions and GET /models.`, null, 'unknown_url');
    }

    const text = init?.body != null ? await new Response(init.body).text() : request ? await request.text() : '';
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return error(400, 'The request body is not valid JSON.', null);
    }
    const parsed = validate(body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return error(400, `Invalid request: ${describeIssues(parsed.error.issues)}`, first?.path.length ? first.path.map(String).join('.') : null);
    }
    try {
      return parsed.data.stream ? streamResponse(parsed.data, delayMs, signal) : await plainResponse(parsed.data, delayMs, signal);
    } catch (caught) {
      if (caught instanceof SimulatorRequestError) return error(400, caught.message, caught.param);
      throw caught;
    }
  };
  return simulatorFetch as typeof fetch;
}

/** The schema's answer for a body that passed it before (and was sent as the schema's output). */
function trustValidated(body: unknown): { success: true; data: ChatRequest } {
  return { success: true, data: body as ChatRequest };
}

async function plainResponse(request: ChatRequest, delayMs: number, signal: AbortSignal | undefined): Promise<Response> {
  const completion = simulateCompletion(request);
  await sleep(delayMs, signal);
  if (signal?.aborted) throw abortError();
  return json(200, completion, completion.id);
}

function streamResponse(request: ChatRequest, delayMs: number, signal: AbortSignal | undefined): Response {
  const chunks = simulateChunks(request);
  const events = [...chunks.map((chunk) => sseData(JSON.stringify(chunk))), SSE_DONE];
  const encoder = new TextEncoder();
  let next = 0;
  let onAbort: (() => void) | undefined;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        onAbort = () => controller.error(abortError());
        signal?.addEventListener('abort', onAbort, { once: true });
      },
      async pull(controller) {
        if (next > 0) await sleep(delayMs, signal);
        if (signal?.aborted) return;
        controller.enqueue(encoder.encode(events[next++]));
        if (next === events.length) {
          if (onAbort) signal?.removeEventListener('abort', onAbort);
          controller.close();
        }
      },
      cancel() {
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-request-id': requestId(chunks[0]?.id ?? ''),
    },
  });
}

/** Resolves after `ms`, or at once when the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** What fetch rejects with when its signal aborts. */
function abortError(): DOMException {
  return new DOMException('This operation was aborted', 'AbortError');
}

function requestId(seed: string): string {
  return `req_sim_${hashText(seed)}`;
}

function json(status: number, body: unknown, seed = JSON.stringify(body)): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': requestId(seed) },
  });
}

/** OpenAI's error envelope; OpenAI types its 400s and 404s alike as invalid requests. */
function error(status: number, message: string, param: string | null, code: string | null = null): Response {
  return json(status, { error: { message, type: 'invalid_request_error', code, param } });
}
