/**
 * Server-sent events as the Chat Completions stream uses them: `data: <json>` events separated by a
 * blank line, `: comment` lines ignored by clients, and a final `data: [DONE]`. One incremental parser
 * serves the proxy (reading the upstream) and the page (reading the proxy).
 */

export interface SseEvent {
  event?: string;
  data: string;
}

/** Splits a byte stream into events; feed text as it arrives, then call `flush()` at the end. */
export class SseParser {
  private buffer = '';

  push(text: string): SseEvent[] {
    this.buffer += text;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n\r\n|\n\n|\r\r/.exec(this.buffer);
      if (!match) break;
      const block = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = parseBlock(block);
      if (event) events.push(event);
    }
    return events;
  }

  /** The last event when the stream ended without its blank line, if any. */
  flush(): SseEvent[] {
    const rest = this.buffer;
    this.buffer = '';
    const event = parseBlock(rest);
    return event ? [event] : [];
  }
}

function parseBlock(block: string): SseEvent | null {
  const data: string[] = [];
  let event: string | undefined;
  let sawData = false;
  for (const line of block.split(/\r\n|\n|\r/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      data.push(value);
      sawData = true;
    } else if (field === 'event') {
      event = value;
    }
  }
  return sawData ? { event, data: data.join('\n') } : null;
}

/** One `data:` event as it goes on the wire. */
export function sseData(payload: string): string {
  return `data: ${payload}\n\n`;
}

export const SSE_DONE = 'data: [DONE]\n\n';
