import 'server-only';
import type { ChatRequest } from '@/lib/wire/chat';
import { excerpt } from '@/lib/wire/excerpt';
import { SSE_DONE, SseParser, sseData, type SseEvent } from '@/lib/wire/sse';
import { serverEnv } from './env';
import { errorReply, jsonReply, type Reply, type ReplyStream } from './http';
import { normalizeCompletion, StreamNormalizer, UpstreamFormatError, isStreamError, type NormalizeContext } from './normalize';
import { isConformantCompletion } from './normalize-fast-path';
import { randomUUID } from 'node:crypto';
import { readBodyDirectly } from './node-fetch';
import { providerFor, secrets } from './provider';
import { apiError, fromUpstreamError, redactSecrets, streamCutOff, streamErrorEvent, type ApiErrorResult } from './upstream-errors';

export interface ProxyOptions {
  /** Aborted when the client goes away: the upstream request is cancelled with it. */
  signal: AbortSignal;
  /** Precedes each forwarded chunk with `: upstream-raw <what the provider sent>` (clients ignore SSE comments). */
  inspect: boolean;
}

const utf8 = new TextDecoder();

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
};

/** Forwards a validated request to the model's provider and answers in the Chat Completions protocol. */
export async function proxyChatCompletion(request: ChatRequest, options: ProxyOptions): Promise<Reply> {
  const provider = providerFor(request.model);
  if (!provider) {
    return errorReply(
      apiError(
        401,
        `No API key is configured on the server, so "${request.model}" cannot be reached. Set AIML_API_KEY on the server, or pick "offline-simulator".`,
        { code: 'no_api_key', param: 'model' },
      ),
    );
  }
  const body = capMaxTokens(request, serverEnv().PLAYGROUND_MAX_TOKENS);
  const upstreamAbort = new AbortController();
  const abortUpstream = () => upstreamAbort.abort();
  options.signal.addEventListener('abort', abortUpstream, { once: true });

  let response: Response;
  try {
    response = await provider.client.chat.completions
      // The SDK sends the request (auth, base URL, timeout, error statuses); the body is read here, raw,
      // so that every provider quirk can be normalized before a client sees it.
      .create(body as never, { signal: upstreamAbort.signal })
      .asResponse();
  } catch (error) {
    options.signal.removeEventListener('abort', abortUpstream);
    return errorReply(fromUpstreamError(error, errorContext()));
  }
  // Generated call ids derive from this: the provider's request id when it sends one.
  const ctx = {
    model: request.model,
    requestId: response.headers.get('x-request-id') || randomUUID(),
    includeUsage: request.stream_options?.include_usage === true,
  };
  if (!request.stream) {
    try {
      return await completionReply(response, ctx, upstreamAbort);
    } finally {
      options.signal.removeEventListener('abort', abortUpstream);
    }
  }
  return { status: 200, headers: SSE_HEADERS, stream: streamChunks(response, ctx, options.inspect, upstreamAbort) };
}

function errorContext() {
  const env = serverEnv();
  return { secrets: secrets(), baseURL: env.AIML_API_BASE_URL, timeoutMs: env.AIML_API_TIMEOUT_MS };
}

function capMaxTokens(request: ChatRequest, cap: number): ChatRequest {
  if (cap <= 0) return request;
  const capped = { ...request };
  if (capped.max_tokens !== undefined) capped.max_tokens = Math.min(capped.max_tokens, cap);
  if (capped.max_completion_tokens !== undefined) capped.max_completion_tokens = Math.min(capped.max_completion_tokens, cap);
  return capped;
}

/** The whole body as text: read directly from the connection when it came from lib/server/node-fetch. */
function bodyText(response: Response, signal: AbortSignal): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    const parts: Buffer[] = [];
    const direct = readBodyDirectly(response, {
      data: (chunk) => void parts.push(chunk),
      end: () => resolve(utf8.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts))), // drops a BOM, as text() does
      error: reject,
    });
    if (!direct) response.text().then(resolve, reject);
  });
}

async function completionReply(response: Response, ctx: NormalizeContext, upstreamAbort: AbortController): Promise<Reply> {
  // The SDK's timeout ends with the headers: the body gets its own, and a cut body is an error, not a 500.
  const timeoutMs = serverEnv().AIML_API_TIMEOUT_MS;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    upstreamAbort.abort();
  }, timeoutMs);
  let text: string;
  try {
    text = await bodyText(response, upstreamAbort.signal);
  } catch (error) {
    if (timedOut) return errorReply(apiError(504, `The model provider did not finish its reply within ${timeoutMs} ms. Retry, or raise AIML_API_TIMEOUT_MS on the server.`, { code: 'upstream_timeout' }));
    return errorReply(fromUpstreamError(error, errorContext()));
  } finally {
    clearTimeout(timer);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return errorReply(
      apiError(502, `The model provider answered with something that is not JSON: ${preview(text)}`, {
        code: 'upstream_malformed',
      }),
    );
  }
  if (isStreamError(raw)) return errorReply(fromUpstreamError(raw, errorContext()));
  // Already what the normalizer would make of it (OpenAI's own shape): the upstream's text goes out as is.
  if (isConformantCompletion(raw)) return jsonReply(200, text);
  try {
    return jsonReply(200, JSON.stringify(normalizeCompletion(raw, ctx)));
  } catch (error) {
    if (error instanceof UpstreamFormatError) return errorReply(fromUpstreamError(error, errorContext()));
    throw error;
  }
}

/**
 * Pipes the upstream SSE through the normalizer. A failure after the headers went out becomes an
 * `error` event (the openai SDK throws on it) and the stream ends without `[DONE]`, so no client
 * mistakes a cut reply for a finished one.
 */
function streamChunks(
  response: Response,
  ctx: NormalizeContext,
  inspect: boolean,
  upstreamAbort: AbortController,
): ReplyStream {
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const normalizer = new StreamNormalizer(ctx);
  const idleMs = serverEnv().AIML_API_TIMEOUT_MS;
  const hidden = secrets();
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  let open = true;
  let ended = false;
  let drainTimer: ReturnType<typeof setTimeout> | undefined;

  return (sink) => {
    // What one upstream read produced goes out as one write, not one per event; a large read is cut
    // into pieces of about 8 KB so that its first tokens are not held back.
    let pending = '';
    const send = (text: string) => {
      pending += text;
      if (pending.length >= 8192) flush();
    };
    const flush = () => {
      if (open && pending !== '') sink.write(pending);
      pending = '';
    };
    const close = () => {
      flush();
      clearTimeout(idleTimer);
      if (!open) return;
      open = false;
      sink.end();
    };
    /**
     * Stops reading the upstream. After `[DONE]` a direct body is left to end by itself (its last
     * bytes are usually on the way), so that its keep-alive connection is reused; a second later it
     * is cut anyway. Otherwise the connection is closed now.
     */
    const stopUpstream = (drain = false) => {
      ended = true;
      if (reader) reader.cancel().catch(() => {});
      else if (drain) drainTimer = setTimeout(() => upstreamAbort.abort(), 1_000);
      else upstreamAbort.abort();
    };
    const fail = (error: ApiErrorResult) => {
      send(sseData(streamErrorEvent(error)));
      close();
      stopUpstream();
    };
    const finish = () => {
      for (const chunk of normalizer.finish()) send(sseData(JSON.stringify(chunk)));
      send(SSE_DONE);
      close();
      stopUpstream(true);
    };
    const armIdleTimer = () => {
      // One timer per stream, pushed back on each read (a new timer per read costs on every chunk).
      if (idleTimer) return void idleTimer.refresh();
      idleTimer = setTimeout(() => {
        timedOut = true;
        upstreamAbort.abort();
      }, idleMs);
    };
    /** One upstream event; true when the stream is over. */
    const onEvent = (event: SseEvent): boolean => {
      if (event.data === '[DONE]') return finish(), true;
      if (inspect) send(`: upstream-raw ${redactSecrets(event.data, hidden).replace(/[\r\n]+/g, ' ')}\n`);
      let raw: unknown;
      try {
        raw = JSON.parse(event.data);
      } catch {
        return fail(apiError(502, `The model provider sent a stream event that is not JSON: ${preview(event.data)}`, { code: 'upstream_malformed' })), true;
      }
      if (isStreamError(raw, event.event)) return fail(fromUpstreamError(raw, errorContext())), true;
      // Most chunks are already spec chunks: their text is forwarded instead of a re-serialized copy.
      if (event.data.indexOf('\n') === -1 && normalizer.acceptAsIs(raw)) send(sseData(event.data));
      else for (const chunk of normalizer.push(raw)) send(sseData(JSON.stringify(chunk)));
      return false;
    };
    /** One upstream read; true when the stream is over. */
    const onBytes = (value: Uint8Array, flushNow: boolean): boolean => {
      armIdleTimer();
      for (const event of parser.push(decoder.decode(value, { stream: true }))) if (onEvent(event)) return true;
      if (flushNow) flush();
      else if (!flushQueued && pending !== '') {
        // Events that arrived together (one socket read holds many when the upstream is fast) go
        // out together: one write once this turn's events are handled, not one per event.
        flushQueued = true;
        queueMicrotask(flushLater);
      }
      return false;
    };
    let flushQueued = false;
    const flushLater = () => {
      flushQueued = false;
      flush();
    };
    const onEnd = () => {
      // The last event may lack its blank line.
      for (const event of [...parser.push(decoder.decode()), ...parser.flush()]) if (onEvent(event)) return;
      // Some providers finish a reply properly but never send [DONE]; without a finish it was cut.
      if (normalizer.sawFinish) return finish();
      fail(streamCutOff());
    };
    const onError = (error: unknown) => {
      if (timedOut) {
        fail(apiError(504, `The model provider stopped sending for ${idleMs} ms, so the reply was abandoned. Retry, or raise AIML_API_TIMEOUT_MS on the server.`, { code: 'upstream_timeout' }));
      } else if (!upstreamAbort.signal.aborted) {
        fail(fromUpstreamError(error, errorContext()));
      } else {
        close();
      }
    };
    /** Every callback below runs inside this guard: an unexpected throw ends the stream as a failure. */
    const guarded = (run: () => void) => {
      try {
        run();
      } catch (error) {
        if (open) onError(error);
      }
    };

    armIdleTimer();
    // The upstream's own connection, read directly (no web stream, no promise per chunk) when the
    // body came from lib/server/node-fetch; else (the simulator) its web stream.
    const direct = readBodyDirectly(response, {
      data: (chunk) => {
        if (!ended) guarded(() => void onBytes(chunk, false));
      },
      end: () => {
        clearTimeout(drainTimer);
        if (!ended) guarded(() => ((ended = true), onEnd()));
      },
      error: (error) => {
        clearTimeout(drainTimer);
        if (!ended) guarded(() => ((ended = true), onError(error)));
      },
    });
    if (!direct) {
      const web = response.body!.getReader();
      reader = web;
      void (async () => {
        try {
          for (;;) {
            const { done, value } = await web.read();
            if (done) break;
            if (onBytes(value, true)) return;
          }
          onEnd();
        } catch (error) {
          onError(error);
        }
      })();
    }
    return () => {
      // The client went away: stop paying for tokens nobody will read.
      if (!open) return;
      clearTimeout(idleTimer);
      open = false;
      ended = true;
      upstreamAbort.abort();
    };
  };
}

/** A short, redacted excerpt of what the provider sent, for a message. */
function preview(text: string): string {
  return excerpt(redactSecrets(text, secrets()), 200) || '(empty)';
}
