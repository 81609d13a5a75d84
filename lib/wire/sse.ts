/**
 * Server-sent events as the Chat Completions stream uses them: `data: <json>` events separated by a
 * blank line, `: comment` lines ignored by clients, and a final `data: [DONE]`. One incremental parser
 * serves the proxy (reading the upstream) and the page (reading the proxy).
 */

export interface SseEvent {
  event?: string;
  data: string;
}

/** Bounds on what one parser takes (the proxy sets them; the page reads its own server and sets none). */
export interface SseLimits {
  /** Characters in one line, comment lines included. */
  maxLineChars?: number;
  /** Characters of one event's data (its `data:` lines joined). */
  maxEventChars?: number;
}

/** A line or an event passed its limit: the stream cannot be read further. */
export class SseLimitError extends Error {
  constructor(
    readonly limit: 'line' | 'event',
    readonly max: number,
  ) {
    super(`an SSE ${limit} longer than ${max} characters`);
    this.name = 'SseLimitError';
  }
}

const LF = 10;

/**
 * Splits a text stream into events, line by line as the SSE spec reads it (a line ends at CRLF, LF or
 * CR; a blank line ends an event). Linear in what it is fed: each character is looked at once, and an
 * unfinished line is kept aside, not searched again when more arrives (a 10 MB line used to be rescanned
 * on every chunk). Feed text as it arrives, then call `flush()` at the end. Throws SseLimitError past a
 * limit.
 */
export class SseParser {
  /** The start of a line whose end has not arrived. */
  private partial = '';
  /** The event being read: its data lines so far, joined. */
  private data = '';
  private hasData = false;
  private eventName: string | undefined;
  /** The last text ended with CR: an LF first in the next one ends the same line. */
  private afterCR = false;
  private readonly maxLine: number;
  private readonly maxEvent: number;

  constructor(limits: SseLimits = {}) {
    this.maxLine = limits.maxLineChars || Infinity;
    this.maxEvent = limits.maxEventChars || Infinity;
  }

  push(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    const n = text.length;
    let at = 0;
    if (this.afterCR) {
      this.afterCR = false;
      if (n > 0 && text.charCodeAt(0) === LF) at = 1;
    }
    // The next LF and CR, each searched for again only once passed. `includes` first: a search that
    // finds nothing runs its whole length, and optimized code does that far slower than the builtin.
    let lf = text.includes('\n', at) ? text.indexOf('\n', at) : -1;
    let cr = text.includes('\r', at) ? text.indexOf('\r', at) : -1;
    while (at < n) {
      if (lf !== -1 && lf < at) lf = text.indexOf('\n', at);
      if (cr !== -1 && cr < at) cr = text.indexOf('\r', at);
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) {
        this.partial = this.partial === '' ? text.slice(at) : this.partial + text.slice(at);
        if (this.partial.length > this.maxLine) throw new SseLimitError('line', this.maxLine);
        break;
      }
      let line = text.slice(at, end);
      if (this.partial !== '') {
        line = this.partial + line;
        this.partial = '';
      }
      if (line.length > this.maxLine) throw new SseLimitError('line', this.maxLine);
      this.line(line, events);
      at = end + 1;
      if (end === cr) {
        if (at === n) this.afterCR = true;
        else if (text.charCodeAt(at) === LF) at += 1;
      }
    }
    return events;
  }

  /** The last event when the stream ended without its blank line, if any. */
  flush(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.partial !== '') {
      const line = this.partial;
      this.partial = '';
      this.line(line, events);
    }
    this.afterCR = false;
    this.dispatch(events);
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') return this.dispatch(events);
    let field: string;
    let value: string;
    if (line.startsWith('data:')) {
      field = 'data';
      value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    } else {
      if (line.charCodeAt(0) === 58) return; // `:` a comment
      const colon = line.indexOf(':');
      field = colon === -1 ? line : line.slice(0, colon);
      value = colon === -1 ? '' : line.slice(colon + (line.charCodeAt(colon + 1) === 32 ? 2 : 1));
    }
    if (field === 'data') {
      this.data = this.hasData ? `${this.data}\n${value}` : value;
      this.hasData = true;
      if (this.data.length > this.maxEvent) throw new SseLimitError('event', this.maxEvent);
    } else if (field === 'event') {
      this.eventName = value;
    }
  }

  private dispatch(events: SseEvent[]): void {
    if (this.hasData) events.push({ event: this.eventName, data: this.data });
    this.data = '';
    this.hasData = false;
    this.eventName = undefined;
  }
}

/** One `data:` event as it goes on the wire. */
export function sseData(payload: string): string {
  return `data: ${payload}\n\n`;
}

export const SSE_DONE = 'data: [DONE]\n\n';
