import 'server-only';
import { SSE_DONE, SseParser, sseData, type SseEvent } from '@/lib/wire/sse';
import { isStreamError, type NormalizeContext } from './normalize';
import { StreamNormalizer } from './normalize-stream';
import { errorContext, secrets } from './provider';
import { apiError, fromUpstreamError, redactSecrets, streamCutOff, streamErrorEvent, upstreamPreview, type ApiErrorResult } from './upstream-errors';

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
};

export interface RelayOptions {
  ctx: NormalizeContext;
  /** Precede each event with `: upstream-raw <what the provider sent>`. */
  inspect: boolean;
  /** The upstream request's controller: aborting it ends the upstream body. */
  upstreamAbort: AbortController;
  /** Silence from the provider after which the stream is abandoned with a 504 event. */
  idleMs: number;
}

/** After `[DONE]` the upstream body is read to its end (its keep-alive connection is then reused), for at most this long. */
const DRAIN_MS = 1_000;

const encoder = new TextEncoder();

/**
 * The client's SSE body: the upstream's events through the normalizer. It is pulled, one chunk
 * ahead of the client: the first chunk is read and normalized while Next is still setting up the
 * response, and after that a slow client slows the upstream instead of filling memory. What one
 * upstream read produced goes out as one chunk.
 *
 * A failure after the headers went out becomes an `error` event (the openai SDK throws on it) and
 * the stream ends without `[DONE]`, so no client mistakes a cut reply for a finished one.
 */
export function relayStream(upstream: ReadableStream<Uint8Array>, options: RelayOptions): ReadableStream<Uint8Array> {
  const relay = new SseRelay(upstream.getReader(), options);
  return new ReadableStream<Uint8Array>({ pull: (controller) => relay.pull(controller), cancel: () => relay.cancel() }, { highWaterMark: 1 });
}

class SseRelay {
  private readonly decoder = new TextDecoder();
  private readonly parser = new SseParser();
  private readonly normalizer: StreamNormalizer;
  private readonly hidden = secrets();
  private readonly idle: ReturnType<typeof setTimeout>;
  private idleFired = false;
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
    // One timer for the stream, pushed back on each read (a new timer per read costs on every chunk).
    this.idle = setTimeout(() => {
      this.idleFired = true;
      options.upstreamAbort.abort();
    }, options.idleMs);
  }

  /** One chunk for the client: upstream reads until one produced output or the stream ended. */
  async pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    try {
      while (this.open && this.out === '') await this.readUpstream();
    } catch (error) {
      // Reading or normalizing failed unexpectedly: the stream ends as a failure, never hangs.
      this.onUpstreamError(error);
    }
    if (this.cancelled) return;
    if (this.out !== '') controller.enqueue(encoder.encode(this.out));
    this.out = '';
    if (!this.open) controller.close();
  }

  /** The client went away: stop paying for tokens nobody will read. */
  cancel(): void {
    this.cancelled = true;
    if (!this.open) return;
    this.end();
    this.stopUpstream();
  }

  private async readUpstream(): Promise<void> {
    const { done, value } = await this.reader.read();
    if (!this.open) return; // cancelled meanwhile
    this.idle.refresh();
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
    if (event.data === '[DONE]') return this.finish();
    if (this.options.inspect) this.out += `: upstream-raw ${redactSecrets(event.data, this.hidden).replace(/[\r\n]+/g, ' ')}\n`;
    let raw: unknown;
    try {
      raw = JSON.parse(event.data);
    } catch {
      return this.fail(apiError(502, `The model provider sent a stream event that is not JSON: ${upstreamPreview(event.data, this.hidden)}`, { code: 'upstream_malformed' }));
    }
    if (isStreamError(raw, event.event)) return this.fail(fromUpstreamError(raw, errorContext()));
    // Most chunks are already spec chunks: their text is forwarded instead of a re-serialized copy.
    if (event.data.indexOf('\n') === -1 && this.normalizer.acceptAsIs(raw)) this.out += sseData(event.data);
    else for (const chunk of this.normalizer.push(raw)) this.out += sseData(JSON.stringify(chunk));
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
    if (this.idleFired) {
      this.fail(apiError(504, `The model provider stopped sending for ${this.options.idleMs} ms, so the reply was abandoned. Retry, or raise AIML_API_TIMEOUT_MS on the server.`, { code: 'upstream_timeout' }));
    } else if (this.options.upstreamAbort.signal.aborted) {
      this.end(); // the client went away
    } else {
      this.fail(fromUpstreamError(error, errorContext()));
    }
  }

  private finish(): void {
    for (const chunk of this.normalizer.finish()) this.out += sseData(JSON.stringify(chunk));
    this.out += SSE_DONE;
    this.end();
    this.drainUpstream();
  }

  private fail(error: ApiErrorResult): void {
    this.out += sseData(streamErrorEvent(error));
    this.end();
    this.stopUpstream();
  }

  private end(): void {
    this.open = false;
    clearTimeout(this.idle);
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
