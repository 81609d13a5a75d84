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

export function parseRawStream(raw: string, times: readonly RawTime[]): RawStream {
  let upstream: UpstreamResponse | null = null;
  const chunks: StreamChunk[] = [];
  let current: StreamChunk | null = null;
  let at = 0;
  while (at < raw.length) {
    const end = raw.indexOf('\n', at);
    const lineEnd = end === -1 ? raw.length : end;
    const line = raw.slice(at, raw.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
    const start = at;
    at = lineEnd + 1;
    if (line.startsWith(UPSTREAM_RESPONSE_PREFIX)) {
      upstream ??= parseUpstreamResponse(line.slice(UPSTREAM_RESPONSE_PREFIX.length));
    } else if (line.startsWith(UPSTREAM_RAW_PREFIX)) {
      current = { ms: arrivalAt(times, start), provider: line.slice(UPSTREAM_RAW_PREFIX.length), sent: [] };
      chunks.push(current);
    } else if (line.startsWith('data:')) {
      const data = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
      // Our server writes one data line per event; one before any provider line stands alone.
      if (!current) {
        current = { ms: arrivalAt(times, start), provider: null, sent: [] };
        chunks.push(current);
      }
      current.sent.push(data);
    }
  }
  return { upstream, chunks };
}
