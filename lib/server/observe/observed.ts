import 'server-only';
import { randomUUID } from 'node:crypto';
import { CLIENT_CLOSED_REQUEST } from '@/lib/wire/api-error';
import { recordRequest, type RequestRecord } from './context';
import { logger } from './logger';
import { countRequest, countStream } from './metrics';

/**
 * Every API route's handler is wrapped by `observed(route, handler)`: it accepts or makes the
 * request's x-request-id and sends it back, writes one JSON log line per request when the response
 * (a stream included) has ended, and counts it in the metrics (lib/server/observe/metrics.ts).
 * `route` is the route's pattern (`/api/v1/links/[id]`), never the path as sent.
 *
 * Deeper code notes the model call on the request's record (context.ts). A JSON answer has ended when
 * the handler returns it (its body is in memory); an SSE body is passed through a reader that sees its
 * end, its failure and the client's cancel, with nothing allocated per chunk beyond the read itself.
 */
export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id when it is a plain token (so a log line can never be forged through it), else a new one. */
export function requestIdFrom(header: string | null): string {
  return header !== null && REQUEST_ID.test(header) ? header : randomUUID();
}

type Outcome = 'ok' | 'error' | 'cancelled';

interface Ending {
  status: number;
  outcome: Outcome;
  /** What was thrown, or what broke the stream. */
  error?: unknown;
  /** The stream broke or carried an error event after its 200. */
  streamFailed?: boolean;
}

export function observed<Rest extends unknown[]>(
  route: string,
  handler: (request: Request, ...rest: Rest) => Promise<Response> | Response,
): (request: Request, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => {
    const started = performance.now();
    const record: RequestRecord = { id: requestIdFrom(request.headers.get(REQUEST_ID_HEADER)) };
    const end = (ending: Ending) => report(route, request.method, record, started, ending);
    let response: Response;
    try {
      recordRequest(request, record);
      response = await handler(request, ...rest);
    } catch (error) {
      end({ status: 500, outcome: 'error', error });
      throw error;
    }
    const streamed = response.body !== null && (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
    if (!streamed) {
      // 499: the client went away while the model call ran (upstream-errors.ts), and is answered to nobody.
      end({ status: response.status, outcome: response.status === CLIENT_CLOSED_REQUEST ? 'cancelled' : response.status >= 400 ? 'error' : 'ok' });
      return withRequestId(response, record.id);
    }
    countStream(route, 1);
    const status = response.status;
    const body = observedBody(response.body!, (outcome, error) => {
      countStream(route, -1);
      end({ status, outcome, error, streamFailed: outcome === 'error' });
    });
    const copy = new Response(body, { status, statusText: response.statusText, headers: response.headers });
    copy.headers.set(REQUEST_ID_HEADER, record.id);
    return copy;
  };
}

/** The response with its request id; a fetched Response's headers are immutable, so then a copy. */
function withRequestId(response: Response, id: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, id);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(REQUEST_ID_HEADER, id);
    return copy;
  }
}

/** `body` as it is, calling `onEnd` once: at its end, when reading it fails, or when the client cancels. */
function observedBody(body: ReadableStream<Uint8Array>, onEnd: (outcome: Outcome, error?: unknown) => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let open = true;
  const close = (outcome: Outcome, error?: unknown) => {
    if (!open) return;
    open = false;
    onEnd(outcome, error);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let read: ReadableStreamReadResult<Uint8Array>;
        try {
          read = await reader.read();
        } catch (error) {
          close('error', error);
          controller.error(error);
          return;
        }
        if (read.done) {
          close('ok');
          controller.close();
        } else {
          controller.enqueue(read.value);
        }
      },
      // After the wrapped body's own cancel, which ends the model call it relays (its time, its usage).
      async cancel(reason) {
        try {
          await reader.cancel(reason);
        } finally {
          close('cancelled');
        }
      },
    },
    // Pulled only when the consumer asks: the wrapped body keeps its own pacing (chat-stream.ts).
    { highWaterMark: 0 },
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The request's one log line and its metrics. Names, numbers and codes only: no header, no content. */
function report(route: string, method: string, record: RequestRecord, started: number, ending: Ending): void {
  const ms = performance.now() - started;
  const upstream = record.upstreamError;
  // A stream answers 200 before it can fail: its error event's status tells what happened.
  const streamError = ending.streamFailed ? 500 : ending.status === 200 && upstream ? upstream.status : undefined;
  const outcome: Outcome = ending.outcome === 'ok' && streamError !== undefined ? 'error' : ending.outcome;
  const hasTokens = record.promptTokens !== undefined || record.completionTokens !== undefined;
  const log = logger();
  const line = {
    request_id: record.id,
    method,
    route,
    status: ending.status,
    duration_ms: Math.round(ms * 10) / 10,
    ...(record.model !== undefined ? { model: record.model } : {}),
    ...(record.modelCallMs !== undefined ? { model_ms: Math.round(record.modelCallMs * 10) / 10 } : {}),
    ...(hasTokens ? { tokens: { prompt: record.promptTokens ?? 0, completion: record.completionTokens ?? 0 } } : {}),
    outcome,
    ...(upstream ? { error_code: upstream.code ?? `status_${upstream.status}` } : {}),
    ...(ending.error !== undefined ? { error: errorMessage(ending.error), ...(log.isLevelEnabled('debug') && ending.error instanceof Error ? { stack: ending.error.stack } : {}) } : {}),
  };
  if (ending.error !== undefined) log.error(line, 'request');
  else if (ending.status >= 500 || streamError !== undefined) log.warn(line, 'request');
  else log.info(line, 'request');
  countRequest({
    route,
    method,
    status: ending.status,
    seconds: ms / 1000,
    errorStatus: streamError,
    model: record.model === undefined ? undefined : { id: record.model, seconds: record.modelCallMs === undefined ? undefined : record.modelCallMs / 1000, promptTokens: record.promptTokens, completionTokens: record.completionTokens },
  });
}
