/**
 * The raw text of an inspected stream (what the browser received from the playground server) as a
 * list of chunks: each `: upstream-raw` line the proxy wrote (what the provider sent) with the `data:`
 * lines our server sent for it, and the time since the request when it arrived. The first comment
 * says who answered (`: upstream-response`). Linear in the text; pure.
 */
import type { RawTime } from '@/lib/conversation/state';
import { parseUpstreamResponse, UPSTREAM_RAW_PREFIX, UPSTREAM_RESPONSE_PREFIX, type UpstreamResponse } from './upstream-response';

export interface StreamChunk {
  /** Milliseconds from the request to the arrival of this chunk; null when it was not recorded. */
  ms: number | null;
  /** The provider's event as it sent it (redacted); null when nothing from the provider came with it. */
  provider: string | null;
  /** The data of each event our server sent for it, in order ([] when the normalizer held it back). */
  sent: string[];
}

export interface RawStream {
  upstream: UpstreamResponse | null;
  chunks: StreamChunk[];
}

/** The time of the piece of raw text that holds `offset`: the last arrival at or before it. */
export function arrivalAt(times: readonly RawTime[], offset: number): number | null {
  let lo = 0;
  let hi = times.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid][0] <= offset) {
      found = times[mid][1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Reads a raw stream as it grows: each `read` continues from the last whole line it read when the text
 * extends the one before (a streaming call's raw text only grows), so following a long stream costs
 * each character once, not once per chunk.
 */
export class RawStreamReader {
  private raw = '';
  private at = 0;
  private upstream: UpstreamResponse | null = null;
  private chunks: StreamChunk[] = [];
  private current: StreamChunk | null = null;

  read(raw: string, times: readonly RawTime[]): RawStream {
    // A bounded check that this text extends the last one (a whole-prefix compare would cost O(n) per read).
    const from = Math.max(0, this.at - 256);
    if (raw.length < this.raw.length || !raw.startsWith(this.raw.slice(from, this.at), from)) {
      this.at = 0;
      this.upstream = null;
      this.chunks = [];
      this.current = null;
    }
    this.raw = raw;
    while (this.at < raw.length) {
      const end = raw.indexOf('\n', this.at);
      if (end === -1) break; // the rest of the line has not arrived
      this.line(raw.slice(this.at, raw.charCodeAt(end - 1) === 13 ? end - 1 : end), this.at, times);
      this.at = end + 1;
    }
    return { upstream: this.upstream, chunks: this.chunks.map((chunk) => ({ ...chunk, sent: [...chunk.sent] })) };
  }

  private line(line: string, start: number, times: readonly RawTime[]): void {
    if (line.startsWith(UPSTREAM_RESPONSE_PREFIX)) {
      this.upstream ??= parseUpstreamResponse(line.slice(UPSTREAM_RESPONSE_PREFIX.length));
    } else if (line.startsWith(UPSTREAM_RAW_PREFIX)) {
      this.current = { ms: arrivalAt(times, start), provider: line.slice(UPSTREAM_RAW_PREFIX.length), sent: [] };
      this.chunks.push(this.current);
    } else if (line.startsWith('data:')) {
      const data = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
      // Our server writes one data line per event; one before any provider line stands alone.
      if (!this.current) {
        this.current = { ms: arrivalAt(times, start), provider: null, sent: [] };
        this.chunks.push(this.current);
      }
      this.current.sent.push(data);
    }
  }
}

/** The whole text at once (a finished call, a test). */
export function parseRawStream(raw: string, times: readonly RawTime[]): RawStream {
  return new RawStreamReader().read(`${raw}\n`, times);
}
