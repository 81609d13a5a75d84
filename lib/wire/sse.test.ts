import { describe, expect, it } from 'vitest';
import { SseLimitError, SseParser, sseData, SSE_DONE } from './sse';

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

describe('SseParser, line by line', () => {
  const parse = (pieces: string[], parser = new SseParser()) => [...pieces.flatMap((p) => parser.push(p)), ...parser.flush()];

  it('ends lines at CRLF, LF or CR, also when a CRLF is split between two pushes', () => {
    const expected = [{ event: undefined, data: 'a' }, { event: undefined, data: 'b' }, { event: 'x', data: 'c\nd' }];
    expect(parse(['data: a\r', '\n\r', '\ndata: b\n\nevent: x\rdata: c\r\ndata:d\n\r\n'])).toEqual(expected);
    expect(parse(['data: a\r\n\r\ndata: b\r\revent: x\ndata: c\ndata:d\r\r'])).toEqual(expected);
  });

  it('keeps a long line across many pushes and reads it whole', () => {
    const parser = new SseParser();
    const events = [...parser.push('data: '), ...Array.from({ length: 160 }, () => parser.push('z'.repeat(65_536))).flat(), ...parser.push('\n\n')];
    expect(events).toHaveLength(1);
    expect(events[0].data).toHaveLength(160 * 65_536);
  });

  it('ignores comments and fields it does not know, and a blank line without data', () => {
    expect(parse([': hi\nid: 3\nretry: 10\n\nevent: e\n\ndata\n\n'])).toEqual([{ event: undefined, data: '' }]);
  });

  it('throws SseLimitError past the line limit, a comment line or an unfinished one too', () => {
    const limited = () => new SseParser({ maxLineChars: 100, maxEventChars: 1_000 });
    expect(parse([`data: ${'a'.repeat(94)}\n\n`], limited())).toHaveLength(1);
    expect(() => parse([`data: ${'a'.repeat(95)}\n\n`], limited())).toThrow(SseLimitError);
    expect(() => parse([`:${'c'.repeat(100)}\n`], limited())).toThrow(/line longer than 100/);
    const parser = limited();
    parser.push('data: ');
    expect(() => parser.push('b'.repeat(95))).toThrow(expect.objectContaining({ limit: 'line', max: 100 }));
  });

  it('throws SseLimitError past the event limit, counting the data lines joined', () => {
    const lines = (count: number) => `${Array.from({ length: count }, () => `data: ${'e'.repeat(99)}`).join('\n')}\n\n`;
    expect(parse([lines(10)], new SseParser({ maxEventChars: 1_000 }))[0].data).toHaveLength(999);
    expect(() => parse([lines(11)], new SseParser({ maxEventChars: 1_000 }))).toThrow(expect.objectContaining({ limit: 'event' }));
  });
});
