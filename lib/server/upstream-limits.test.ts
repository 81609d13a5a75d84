import { afterEach, describe, expect, it } from 'vitest';
import { SseLimitError } from '@/lib/wire/sse';
import { resetServerEnvForTests, serverEnv } from './env';
import { InflateLimitError } from './node-fetch';
import { limitError, readBodyText, UpstreamLimitError } from './upstream-limits';
import { fromUpstreamError } from './upstream-errors';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetServerEnvForTests();
});

function body(parts: string[]): { response: Response; cancelled: () => boolean } {
  let cancelled = false;
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at < parts.length) controller.enqueue(new TextEncoder().encode(parts[at++]));
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(stream), cancelled: () => cancelled };
}

describe('readBodyText', () => {
  it('reads a body within the bound, UTF-8 split between chunks included', async () => {
    const euro = new TextEncoder().encode('€');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(euro.slice(0, 1));
        controller.enqueue(euro.slice(1));
        controller.close();
      },
    });
    expect(await readBodyText(new Response(stream), 3)).toBe('€');
    expect(await readBodyText(body(['a'.repeat(10)]).response, 0)).toBe('a'.repeat(10));
  });

  it('stops past the bound: cancels the body and names AIML_API_MAX_BODY_BYTES', async () => {
    const { response, cancelled } = body(['a'.repeat(600), 'b'.repeat(600), 'c'.repeat(600)]);
    const error = await readBodyText(response, 1_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamLimitError);
    expect((error as Error).message).toContain('larger than 1000 bytes (AIML_API_MAX_BODY_BYTES)');
    expect(cancelled()).toBe(true);
  });
});

describe('limit errors', () => {
  it('are found among the causes (the SDK wraps a failed fetch) and map to a 502 naming the variable', () => {
    const wrapped = new Error('Connection error.', { cause: new TypeError('x', { cause: new InflateLimitError(64) }) });
    expect(limitError(wrapped)?.message).toContain('more than 64 bytes (AIML_API_MAX_DECODED_BYTES)');
    expect(limitError(new SseLimitError('line', 10))?.message).toContain('AIML_API_MAX_LINE_CHARS');
    expect(limitError(new SseLimitError('event', 10))?.message).toContain('AIML_API_MAX_EVENT_CHARS');
    expect(limitError(new Error('other'))).toBeUndefined();
    const mapped = fromUpstreamError(wrapped, { secrets: [] });
    expect([mapped.status, mapped.body.error.code, mapped.body.error.type]).toEqual([502, 'upstream_too_large', 'upstream_error']);
  });
});

describe('the limits in the environment', () => {
  it('have defaults of a few MB, 64 MB inflated and 15 minutes a stream; 0 turns one off', () => {
    expect(serverEnv()).toMatchObject({
      AIML_API_MAX_LINE_CHARS: 4_194_304,
      AIML_API_MAX_EVENT_CHARS: 4_194_304,
      AIML_API_MAX_BODY_BYTES: 8_388_608,
      AIML_API_MAX_DECODED_BYTES: 67_108_864,
      AIML_API_STREAM_TIMEOUT_MS: 900_000,
    });
    process.env.AIML_API_MAX_LINE_CHARS = '0';
    process.env.AIML_API_STREAM_TIMEOUT_MS = '1000';
    resetServerEnvForTests();
    expect(serverEnv()).toMatchObject({ AIML_API_MAX_LINE_CHARS: 0, AIML_API_STREAM_TIMEOUT_MS: 1000 });
  });

  it('refuse a bad value, naming the variable', () => {
    process.env.AIML_API_MAX_BODY_BYTES = '8MB';
    resetServerEnvForTests();
    expect(() => serverEnv()).toThrow(/AIML_API_MAX_BODY_BYTES must be a whole number/);
  });
});
