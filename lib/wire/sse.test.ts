import { describe, expect, it } from 'vitest';
import { SseParser, sseData, SSE_DONE } from './sse';

describe('SseParser', () => {
  it('splits events across arbitrary chunk boundaries and ignores comments', () => {
    const wire = `: keep-alive\n\n${sseData('{"a":1}')}event: error\ndata: {"b":\ndata: 2}\r\n\r\n${SSE_DONE}`;
    for (let size = 1; size <= wire.length; size += 7) {
      const parser = new SseParser();
      const events = [];
      for (let i = 0; i < wire.length; i += size) events.push(...parser.push(wire.slice(i, i + size)));
      events.push(...parser.flush());
      expect(events).toEqual([
        { event: undefined, data: '{"a":1}' },
        { event: 'error', data: '{"b":\n2}' },
        { event: undefined, data: '[DONE]' },
      ]);
    }
  });

  it('returns an unterminated final event from flush', () => {
    const parser = new SseParser();
    expect(parser.push('data: x')).toEqual([]);
    expect(parser.flush()).toEqual([{ event: undefined, data: 'x' }]);
  });
});
