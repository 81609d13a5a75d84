import 'server-only';
import { randomUUID } from 'node:crypto';
import type { ChatRequest } from '@/lib/wire/chat';
import { ADAPTATIONS_HEADER, adaptationsHeaderValue, type Adaptation } from '@/lib/inspector/adaptations';
import { adaptRequest } from './adapt-request';
import { relayStream, SSE_HEADERS } from './chat-stream';
import { serverEnv } from './env';
import { errorResponse, jsonResponse } from './http';
import { capturingSentHeaders, upstreamResponseInfo } from './inspect-meta';
import { normalizeCompletion, UpstreamFormatError, isStreamError, type NormalizeContext } from './normalize';
import { errorContext, providerFor, redactor } from './provider';
import { redactedJson, type Redactor } from './redact';
import { apiError, fromUpstreamError, upstreamPreview } from './upstream-errors';
import { limitResult, readBodyText, tooDeep, UpstreamLimitError } from './upstream-limits';
import { startModelCall, type ModelCall, type RequestRecord } from './observe/context';
import { nestedDeeperThan } from '@/lib/wire/json-depth';

export interface ProxyOptions {
  /** Aborted when the client goes away: the upstream request is cancelled with it. */
  signal: AbortSignal;
  /** Precedes each forwarded chunk with `: upstream-raw <what the provider sent>` (clients ignore SSE comments). */
  inspect: boolean;
  /** The request's record for its log line and metrics (lib/server/observe): the model call's model, time and tokens. */
  record?: RequestRecord;
}

/**
 * Forwards a validated request to the model's provider, adapted to what that provider accepts
 * (adapt-request.ts), and answers in the Chat Completions protocol. An inspected answer of any kind
 * carries the adaptations in its `x-playground-adaptations` header (a stream's `: upstream-response`
 * comment too), so the inspector shows what was sent next to what was asked.
 */
export async function proxyChatCompletion(asked: ChatRequest, options: ProxyOptions): Promise<Response> {
  const { request, adaptations: found } = adaptRequest(asked);
  const hidden = redactor();
  const adaptations = found.map((a) => ({ ...a, message: hidden.text(a.message) }));
  const response = await forward(request, adaptations, options);
  if (options.inspect && adaptations.length > 0) response.headers.set(ADAPTATIONS_HEADER, adaptationsHeaderValue(adaptations));
  return response;
}

async function forward(request: ChatRequest, adaptations: Adaptation[], options: ProxyOptions): Promise<Response> {
  const provider = providerFor(request.model);
  if (!provider) {
    return errorResponse(
      apiError(
        401,
        `No API key is configured on the server, so "${request.model}" cannot be reached. Set AIML_API_KEY on the server, or pick "offline-simulator".`,
        { code: 'no_api_key', param: 'model' },
      ),
    );
  }
  const env = serverEnv();
  const call = startModelCall(options.record, request.model);
  const upstreamAbort = new AbortController();
  const abortUpstream = () => upstreamAbort.abort();
  options.signal.addEventListener('abort', abortUpstream, { once: true });

  let response: Response;
  let sentHeaders: Headers | null;
  try {
    const send = () =>
      provider.client.chat.completions
        // The SDK sends the request (auth, base URL, timeout, error statuses); the body is read here, raw,
        // so that every provider quirk can be normalized before a client sees it.
        .create(capMaxTokens(request, env.PLAYGROUND_MAX_TOKENS) as never, { signal: upstreamAbort.signal })
        .asResponse();
    // Only the inspector wants the headers sent: other requests skip the capture.
    ({ value: response, headers: sentHeaders } = options.inspect ? await capturingSentHeaders(send) : { value: await send(), headers: null });
  } catch (error) {
    options.signal.removeEventListener('abort', abortUpstream);
    return errorResponse(call.failed(fromUpstreamError(error, errorContext())));
  }
  if (!response.body) {
    // 204, 205 (or a HEAD-like answer): nothing to read, and no reply in it.
    options.signal.removeEventListener('abort', abortUpstream);
    return errorResponse(call.failed(
      apiError(502, `The model provider answered ${response.status} without a body, so there is no reply. Retry; if it keeps happening, check that AIML_API_BASE_URL is the provider's /v1 base URL.`, {
        code: 'upstream_no_body',
      }),
    ));
  }
  const hidden = redactor();
  // Generated call ids derive from this: the provider's request id when it sends one.
  const ctx = {
    model: request.model,
    requestId: requestIdOf(response.headers.get('x-request-id'), hidden),
    includeUsage: request.stream_options?.include_usage === true,
    redactor: hidden,
  };
  if (!request.stream) {
    try {
      return await completionResponse(response, ctx, call, upstreamAbort, env.AIML_API_TIMEOUT_MS, env.AIML_API_MAX_BODY_BYTES);
    } finally {
      options.signal.removeEventListener('abort', abortUpstream);
    }
  }
  const body = relayStream(response.body, {
    ctx,
    call,
    inspect: options.inspect,
    preamble: !options.inspect ? null : provider.kind === 'simulator' ? { provider: 'simulator' } : upstreamResponseInfo(response, sentHeaders, hidden, adaptations),
    upstreamAbort,
    idleMs: env.AIML_API_TIMEOUT_MS,
    streamMs: env.AIML_API_STREAM_TIMEOUT_MS,
    limits: { maxLineChars: env.AIML_API_MAX_LINE_CHARS, maxEventChars: env.AIML_API_MAX_EVENT_CHARS },
  });
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}

/** The provider's request id when it looks like one and holds no secret (an echo of the key is neither), else a new one. */
function requestIdOf(header: string | null, hidden: Redactor): string {
  return header && /^[\w.:-]{1,128}$/.test(header) && !hidden.has(header) ? header : randomUUID();
}

function capMaxTokens(request: ChatRequest, cap: number): ChatRequest {
  if (cap <= 0) return request;
  const capped = { ...request };
  if (capped.max_tokens !== undefined) capped.max_tokens = Math.min(capped.max_tokens, cap);
  if (capped.max_completion_tokens !== undefined) capped.max_completion_tokens = Math.min(capped.max_completion_tokens, cap);
  return capped;
}

/** A plain (non-streamed) reply: the upstream's whole body (within maxBytes), normalized and redacted. */
async function completionResponse(
  response: Response,
  ctx: NormalizeContext & { redactor: Redactor },
  call: ModelCall,
  upstreamAbort: AbortController,
  timeoutMs: number,
  maxBytes: number,
): Promise<Response> {
  // The SDK's timeout ends with the headers: the body gets its own, and a cut body is an error, not a 500.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    upstreamAbort.abort();
  }, timeoutMs);
  let text: string;
  try {
    text = await readBodyText(response, maxBytes);
  } catch (error) {
    if (error instanceof UpstreamLimitError) {
      upstreamAbort.abort();
      return errorResponse(call.failed(limitResult(error)));
    }
    if (timedOut) return errorResponse(call.failed(apiError(504, `The model provider did not finish its reply within ${timeoutMs} ms. Retry, or raise AIML_API_TIMEOUT_MS on the server.`, { code: 'upstream_timeout' })));
    return errorResponse(call.failed(fromUpstreamError(error, errorContext())));
  } finally {
    clearTimeout(timer);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return errorResponse(call.failed(
      apiError(502, `The model provider answered with something that is not JSON: ${upstreamPreview(text, ctx.redactor)}`, {
        code: 'upstream_malformed',
      }),
    ));
  }
  // The normalizer's readers and JSON.stringify walk the value: bounded in depth first.
  if (nestedDeeperThan(raw)) return errorResponse(call.failed(limitResult(tooDeep('a reply'))));
  if (isStreamError(raw)) return errorResponse(call.failed(fromUpstreamError(raw, errorContext())));
  try {
    const completion = normalizeCompletion(raw, ctx);
    call.done(completion.usage);
    return jsonResponse(200, redactedJson(completion, ctx.redactor));
  } catch (error) {
    if (error instanceof UpstreamFormatError) return errorResponse(call.failed(fromUpstreamError(error, errorContext())));
    throw error;
  }
}
