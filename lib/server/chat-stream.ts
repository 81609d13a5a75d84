import 'server-only';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '@/lib/wire/json-depth';
import { SSE_DONE, SseParser, sseData, type SseEvent, type SseLimits } from '@/lib/wire/sse';
import { isStreamError, type NormalizeContext } from './normalize';
import { StreamNormalizer } from './normalize-stream';
import { upstreamResponseLine } from './inspect-meta';
import type { UpstreamResponse } from '@/lib/inspector/upstream-response';
import { errorContext } from './provider';
import { redactedJson, type Redactor } from './redact';
import { apiError, fromUpstreamError, streamCutOff, streamErrorEvent, upstreamPreview, type ApiErrorResult } from './upstream-errors';
import { limitResult, streamTooLong, tooDeep } from './upstream-limits';
import type { ModelCall } from './observe/context';

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
};

export interface RelayOptions {
  ctx: NormalizeContext & { redactor: Redactor };
  /** Told how the stream ended, for the request's log line and metrics. */
  call: ModelCall;
  /** Precede each event with `: upstream-raw <what the provider sent>`, and the stream with `: upstream-response`. */
  inspect: boolean;
  /** Who answered, and how (sent first when inspecting; null otherwise). */
  preamble: UpstreamResponse | null;
  /** The upstream request's controller: aborting it ends the upstream body. */
  upstreamAbort: AbortController;
  /** Silence from the provider, while the relay waits for it, after which the stream is abandoned with a 504 event. */
  idleMs: number;
  /** The whole stream's duration, however busy, after which it ends with a 504 event (0: none). */
  streamMs: number;
  /** A line's and an event's bounds (0: none). */
  limits: SseLimits;
}

/** After `[DONE]` the upstream body is read to its end (its keep-alive connection is then reused), for at most this long. */
const DRAIN_MS = 1_000;

const encoder = new TextEncoder();

/**
 * The client's SSE body: the upstream's events through the normalizer. It is pulled, one chunk
 * ahead of the client: the first chunk is read and normalized while Next is still setting up the
 * response, and after that a slow client slows the upstream instead of filling memory (node-fetch
 * pauses the socket once its queue is full). What one upstream read produced goes out as one chunk.
 *
 * A failure after the headers went out becomes an `error` event (the openai SDK throws on it) and
 * the stream ends without `[DONE]`, so no client mistakes a cut reply for a finished one. Everything
 * sent is free of the server's secrets (ctx.redactor): chunks as they came only when they hold none.
 */
export function relayStream(upstream: ReadableStream<Uint8Array>, options: RelayOptions): ReadableStream<Uint8Array> {
  const relay = new SseRelay(upstream.getReader(), options);
  return new ReadableStream<Uint8Array>(
    { start: (controller) => relay.start(controller), pull: () => relay.pull(), cancel: () => relay.cancel() },
    { highWaterMark: 1 },
  );
}

class SseRelay {
  private readonly decoder = new TextDecoder();
  private readonly parser: SseParser;
  private readonly normalizer: StreamNormalizer;
  private readonly hidden: Redactor;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private readonly idle: ReturnType<typeof setTimeout>;
  private readonly deadline: ReturnType<typeof setTimeout> | undefined;
  private idleFired = false;
  private deadlineFired = false;
  /** An upstream read is pending: only then does the provider's silence count. */
  private reading = false;
  /** A pull is running (Next wants a chunk). */
  private pulling = false;
  /** False once the stream is over: finished, failed, or cancelled by the client. */
  private open = true;
  /** The client cancelled: the controller takes nothing more. */
  private cancelled = false;
  /** What the current pull will send. */
  private out = '';

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly options: RelayOptions,
  ) {
    this.normalizer = new StreamNormalizer(options.ctx);
    this.hidden = options.ctx.redactor;
    this.parser = new SseParser(options.limits);
    if (options.inspect && options.preamble) this.out = upstreamResponseLine(options.preamble);
    // One timer for the stream, pushed back as each read starts (a new timer per read costs on every
    // chunk). While no read is pending the client is the one not reading: that is no silence.
    this.idle = setTimeout(() => {
      if (!this.reading) return void this.idle.refresh();
      this.idleFired = true;
      options.upstreamAbort.abort();
    }, options.idleMs);
    if (options.streamMs > 0) this.deadline = setTimeout(() => this.onDeadline(), options.streamMs);
  }

  start(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.controller = controller;
  }

  /** One chunk for the client: upstream reads until one produced output or the stream ended. */
  async pull(): Promise<void> {
    this.pulling = true;
    try {
      while (this.open && this.out === '') await this.readUpstream();
    } catch (error) {
      // Reading or normalizing failed (a limit, say): the stream ends as a failure, never hangs.
      this.onUpstreamError(error);
    }
    this.pulling = false;
    this.send();
  }

  /** The client went away: stop paying for tokens nobody will read. */
  cancel(): void {
    this.cancelled = true;
    if (!this.open) return;
    this.end();
    this.stopUpstream();
  }

  private send(): void {
    if (this.cancelled) return;
    if (this.out !== '') this.controller.enqueue(encoder.encode(this.out));
    this.out = '';
    if (!this.open) this.controller.close();
  }

  private async readUpstream(): Promise<void> {
    this.reading = true;
    this.idle.refresh();
    const { done, value } = await this.reader.read();
    this.reading = false;
    if (!this.open) return; // cancelled meanwhile
    if (done) return this.onUpstreamEnd();
    this.onEvents(this.parser.push(this.decoder.decode(value, { stream: true })));
  }

  private onEvents(events: SseEvent[]): void {
    for (const event of events) {
      if (!this.open) return;
      this.onEvent(event);
    }
  }

  private onEvent(event: SseEvent): void {
    const data = event.data;
    if (data === '[DONE]') {
      // Marked, so the inspector tells what the provider ended with from what the normalizer added.
      this.inspect(data);
      return this.finish();
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      this.inspect(data);
      return this.fail(apiError(502, `The model provider sent a stream event that is not JSON: ${upstreamPreview(data, this.hidden)}`, { code: 'upstream_malformed' }));
    }
    const error = isStreamError(raw, event.event);
    // Most chunks are already spec chunks: their text is forwarded instead of a re-serialized copy
    // (acceptAsIs declines a chunk with a secret in it, and one-line data holds no CR or LF).
    if (!error && data.indexOf('\n') === -1 && this.normalizer.acceptAsIs(raw)) {
      if (this.options.inspect) this.out += `: upstream-raw ${data}\n`;
      this.out += sseData(data);
      return;
    }
    // What follows walks the value (the normalizer's readers, JSON.stringify): bounded in depth first.
    if (nestedDeeperThan(raw, MAX_JSON_DEPTH)) {
      this.inspect(data);
      return this.fail(limitResult(tooDeep('a stream event')));
    }
    this.inspect(data, raw);
    if (error) return this.fail(fromUpstreamError(raw, errorContext()));
    for (const chunk of this.normalizer.push(raw)) this.out += sseData(redactedJson(chunk, this.hidden));
  }

  /**
   * `: upstream-raw <data>`, redacted. A secret hidden behind JSON escapes (`\u0066…`) is not in the
   * text but is in what it means: then the line shows the event re-serialized, redacted.
   */
  private inspect(data: string, raw?: unknown): void {
    if (!this.options.inspect) return;
    let text = this.hidden.text(data);
    if (text === data && raw !== undefined && this.hidden.active && (data.indexOf('\\u') !== -1 || data.indexOf('\\/') !== -1)) {
      const clean = this.hidden.value(raw);
      if (clean !== raw) text = JSON.stringify(clean);
    }
    this.out += `: upstream-raw ${text.replace(/[\r\n]+/g, ' ')}\n`;
  }

  /** The upstream body ended: a finished reply completes, anything else was cut. */
  private onUpstreamEnd(): void {
    // The last event may lack its blank line.
    this.onEvents([...this.parser.push(this.decoder.decode()), ...this.parser.flush()]);
    if (!this.open) return;
    // Some providers finish a reply properly but never send [DONE]; without a finish it was cut.
    if (this.normalizer.sawFinish) this.finish();
    else this.fail(streamCutOff());
  }

  private onUpstreamError(error: unknown): void {
    if (!this.open) return;
    if (this.deadlineFired) {
      this.fail(streamTooLong(this.options.streamMs));
    } else if (this.idleFired) {
      this.fail(apiError(504, `The model provider stopped sending for ${this.options.idleMs} ms, so the reply was abandoned. Retry, or raise AIML_API_TIMEOUT_MS on the server.`, { code: 'upstream_timeout' }));
    } else if (this.options.upstreamAbort.signal.aborted) {
      this.end(); // the client went away
    } else {
      this.fail(fromUpstreamError(error, errorContext()));
    }
  }

  /**
   * The stream ran past its time limit. A pending read is aborted and ends in the 504 as any failed
   * read; with none pending (the client is not reading) the 504 is queued now and the upstream let go.
   */
  private onDeadline(): void {
    if (!this.open) return;
    this.deadlineFired = true;
    if (this.reading || this.pulling) return void this.options.upstreamAbort.abort();
    this.fail(streamTooLong(this.options.streamMs));
    this.send();
  }

  private finish(): void {
    this.options.call.done(this.normalizer.reportedUsage);
    for (const chunk of this.normalizer.finish()) this.out += sseData(redactedJson(chunk, this.hidden));
    this.out += SSE_DONE;
    this.end();
    this.drainUpstream();
  }

  private fail(error: ApiErrorResult): void {
    this.options.call.failed(error);
    this.out += sseData(streamErrorEvent(error));
    this.end();
    this.stopUpstream();
  }

  private end(): void {
    this.open = false;
    this.options.call.done(); // the client went away (finish and fail told the call already)
    clearTimeout(this.idle);
    clearTimeout(this.deadline);
  }

  /** Reads what is left after `[DONE]` (usually on its way already), so the connection is reused; cut after DRAIN_MS. */
  private drainUpstream(): void {
    const cut = setTimeout(() => this.stopUpstream(), DRAIN_MS);
    void (async () => {
      try {
        while (!(await this.reader.read()).done);
      } catch {
        // cut, or the upstream failed after [DONE]: nothing left to tell anyone
      } finally {
        clearTimeout(cut);
      }
    })();
  }

  private stopUpstream(): void {
    this.reader.cancel().catch(() => {});
    this.options.upstreamAbort.abort();
  }
}
