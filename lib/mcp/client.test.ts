import { describe, expect, it, vi } from 'vitest';
import { fetchMcpServers, MCP_SERVERS_URL, McpRunError, runMcpTool } from './client';
import type { McpCallResult, McpProgress, McpServersResponse } from './types';

const event = (name: string, data: unknown) => `event: ${name}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

/** Splits the bytes of `text` at each of `cuts` (byte offsets), so lines, fields and UTF-8 characters arrive in pieces. */
function pieces(text: string, cuts: number[]): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const at = [0, ...cuts.filter((cut) => cut > 0 && cut < bytes.length).sort((a, b) => a - b), bytes.length];
  return at.slice(1).map((end, i) => bytes.slice(at[i], end));
}

/** Every byte on its own: the most awkward split there is. */
const byteByByte = (text: string) => pieces(text, Array.from({ length: new TextEncoder().encode(text).length }, (_, i) => i));

/** An SSE response whose body gives the chunks one read at a time; an abort of `signal` errors the body as fetch does. */
function sseResponse(chunks: Uint8Array[], signal?: AbortSignal | null, hold = false): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      signal?.addEventListener('abort', () => controller.error(signal.reason));
    },
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else if (!hold) controller.close();
      // held open: the body waits, as a server still running the tool does
      else return new Promise<void>(() => {});
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

type Fetcher = typeof fetch;
type Call = { url: string; init: RequestInit | undefined };

function fakeFetcher(answer: (init: RequestInit | undefined) => Response | Promise<Response>): { fetcher: Fetcher; calls: Call[] } {
  const calls: Call[] = [];
  const fetcher = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return answer(init);
  }) as unknown as Fetcher;
  return { fetcher, calls };
}

const RESULT: McpCallResult = { content: [{ type: 'text', text: 'Echo: héllo ’quoted’' }], isError: false, durationMs: 12 };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('runMcpTool', () => {
  it('posts the arguments to the tool’s URL, names escaped, asking for an event stream', async () => {
    const { fetcher, calls } = fakeFetcher(() => sseResponse(pieces(event('result', RESULT), [])));
    await runMcpTool('every thing', 'echo/2', { message: 'hi', n: 2 }, { fetcher });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(`${MCP_SERVERS_URL}/every%20thing/tools/echo%2F2/call`);
    expect(calls[0].init?.method).toBe('POST');
    expect(new Headers(calls[0].init?.headers).get('accept')).toBe('text/event-stream');
    expect(new Headers(calls[0].init?.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({ arguments: { message: 'hi', n: 2 } });
  });

  it('gives progress events to onProgress in order and returns the result, read from a stream split at every byte', async () => {
    const text = [
      ': keep-alive\n\n',
      event('progress', { progress: 1, total: 3, message: 'Step 1 of 3 ’' }),
      event('progress', { progress: 2, total: 3 }),
      event('progress', { progress: 3 }),
      event('result', RESULT),
    ].join('');
    const { fetcher } = fakeFetcher(() => sseResponse(byteByByte(text)));
    const seen: McpProgress[] = [];
    const result = await runMcpTool('everything', 'echo', { message: 'héllo' }, { fetcher, onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([{ progress: 1, total: 3, message: 'Step 1 of 3 ’' }, { progress: 2, total: 3 }, { progress: 3 }]);
    expect(result).toEqual(RESULT);
  });

  it('reads events split across chunks at field names, inside the JSON and between CR and LF', async () => {
    const text = event('progress', { progress: 5, total: 10 }).replace(/\n/g, '\r\n') + event('result', { ...RESULT, structuredContent: { ok: true } });
    const cuts = [3, 7, 15, 16, 30, text.indexOf('\r\n') + 1, text.indexOf('result') + 2, text.length - 1];
    const { fetcher } = fakeFetcher(() => sseResponse(pieces(text, cuts)));
    const onProgress = vi.fn();
    const result = await runMcpTool('everything', 'echo', {}, { fetcher, onProgress });
    expect(onProgress).toHaveBeenCalledWith({ progress: 5, total: 10 });
    expect(result.structuredContent).toEqual({ ok: true });
  });

  it('leaves out progress that is not JSON or not progress-shaped, and events it does not know', async () => {
    const text = event('progress', '{not json') + event('progress', { progress: 'half' }) + event('ping', { x: 1 }) + event('result', RESULT);
    const { fetcher } = fakeFetcher(() => sseResponse(pieces(text, [10, 40])));
    const onProgress = vi.fn();
    await expect(runMcpTool('everything', 'echo', {}, { fetcher, onProgress })).resolves.toEqual(RESULT);
    expect(onProgress).not.toHaveBeenCalled();
  });

  it('returns a result the tool reported as an error (isError) as a result, not a rejection', async () => {
    const failed: McpCallResult = { content: [{ type: 'text', text: 'no such file' }], isError: true, durationMs: 3 };
    const { fetcher } = fakeFetcher(() => sseResponse(pieces(event('result', failed), [20])));
    await expect(runMcpTool('fs', 'read', { path: '/x' }, { fetcher })).resolves.toEqual(failed);
  });

  it('rejects with the message and code of an `error` event', async () => {
    const text = event('progress', { progress: 1 }) + event('error', { error: { message: 'The tool took longer than 60 s: it was cancelled.', type: 'timeout', code: 'timeout' } });
    const { fetcher } = fakeFetcher(() => sseResponse(pieces(text, [5, 33, 60])));
    const error = await rejection(runMcpTool('everything', 'longRunningOperation', {}, { fetcher }));
    expect(error).toBeInstanceOf(McpRunError);
    expect(error).toMatchObject({ message: 'The tool took longer than 60 s: it was cancelled.', code: 'timeout' });
  });

  it('rejects with a general message for an `error` event without one', async () => {
    const { fetcher } = fakeFetcher(() => sseResponse(pieces(event('error', {}), [])));
    await expect(runMcpTool('everything', 'echo', {}, { fetcher })).rejects.toMatchObject({ message: 'The run failed.', code: 'error' });
  });

  it('rejects with the message of a JSON error response (404: unknown server)', async () => {
    const { fetcher } = fakeFetcher(
      () =>
        new Response(JSON.stringify({ error: { message: 'There is no MCP server "nope" in this playground’s configuration.', type: 'invalid_request_error', code: 'unknown_server' } }), {
          status: 404,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const error = await rejection(runMcpTool('nope', 'echo', {}, { fetcher }));
    expect(error).toBeInstanceOf(McpRunError);
    expect(error).toMatchObject({ message: 'There is no MCP server "nope" in this playground’s configuration.', code: 'unknown_server' });
  });

  it('rejects with the status when an error response is not JSON', async () => {
    const { fetcher } = fakeFetcher(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(runMcpTool('everything', 'echo', {}, { fetcher })).rejects.toMatchObject({ message: "The playground's server answered 502.", code: 'http_502' });
  });

  it('rejects when the stream ends without a result, an unfinished event included', async () => {
    const ended = event('progress', { progress: 1 }) + 'event: result\ndata: {"content":[],"isError":false,"durationMs":1}';
    const { fetcher } = fakeFetcher(() => sseResponse(pieces(ended, [12])));
    const error = await rejection(runMcpTool('everything', 'echo', {}, { fetcher }));
    expect(error).toBeInstanceOf(McpRunError);
    expect(error).toMatchObject({ code: 'stream_ended', message: 'The connection to the playground’s server closed before the tool answered.' });
    const { fetcher: empty } = fakeFetcher(() => sseResponse([]));
    await expect(runMcpTool('everything', 'echo', {}, { fetcher: empty })).rejects.toMatchObject({ code: 'stream_ended' });
  });

  it('rejects a result in the wrong shape with a clear message', async () => {
    const text = event('result', { content: 'just a string', isError: false, durationMs: 1 });
    const { fetcher } = fakeFetcher(() => sseResponse(pieces(text, [9])));
    const error = await rejection(runMcpTool('everything', 'echo', {}, { fetcher }));
    expect(error).toBeInstanceOf(McpRunError);
    expect((error as McpRunError).code).toBe('bad_response');
    expect((error as McpRunError).message).toMatch(/^The tool's result could not be read: .+\.$/);
  });

  it('rejects a result without isError, or with a content block of an unknown type', async () => {
    for (const bad of [{ content: [], durationMs: 1 }, { content: [{ type: 'video', url: 'x' }], isError: false, durationMs: 1 }]) {
      const { fetcher } = fakeFetcher(() => sseResponse(pieces(event('result', bad), [])));
      await expect(runMcpTool('everything', 'echo', {}, { fetcher })).rejects.toMatchObject({ code: 'bad_response' });
    }
  });

  it('passes the abort signal to the request, and Cancel mid-stream rejects with the abort, not an McpRunError', async () => {
    const controller = new AbortController();
    const { fetcher, calls } = fakeFetcher((init) => sseResponse(pieces(event('progress', { progress: 1 }), []), init?.signal, true));
    const onProgress = vi.fn(() => controller.abort());
    const error = await rejection(runMcpTool('everything', 'longRunningOperation', {}, { fetcher, signal: controller.signal, onProgress }));
    expect(calls[0].init?.signal).toBe(controller.signal);
    expect(onProgress).toHaveBeenCalledTimes(1);
    expect(error).not.toBeInstanceOf(McpRunError);
    expect((error as Error).name).toBe('AbortError');
  });

  it('rejects with the fetcher’s AbortError when aborted before the answer', async () => {
    const controller = new AbortController();
    controller.abort();
    const { fetcher } = fakeFetcher((init) => {
      if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
      return sseResponse([]);
    });
    const error = await rejection(runMcpTool('everything', 'echo', {}, { fetcher, signal: controller.signal }));
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('fetchMcpServers', () => {
  const LIST: McpServersResponse = {
    servers: [
      { name: 'everything', transport: 'stdio', state: 'ready', tools: [{ name: 'echo', description: 'Echoes back the input', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } }] },
      { name: 'remote', transport: 'http', state: 'failed', error: 'connect ECONNREFUSED', tools: [] },
    ],
  };

  it('asks for JSON at the servers URL and returns the list', async () => {
    const { fetcher, calls } = fakeFetcher(() => Response.json(LIST));
    await expect(fetchMcpServers(fetcher)).resolves.toEqual(LIST);
    expect(calls[0].url).toBe(MCP_SERVERS_URL);
    expect(new Headers(calls[0].init?.headers).get('accept')).toBe('application/json');
  });

  it('rejects a list in the wrong shape', async () => {
    const { fetcher } = fakeFetcher(() => Response.json({ servers: [{ name: 'x', state: 'sleeping', tools: [] }] }));
    await expect(fetchMcpServers(fetcher)).rejects.toMatchObject({ code: 'bad_response', message: expect.stringMatching(/shape this page does not read/) });
  });

  it('rejects with the message of an error response (access token required)', async () => {
    const { fetcher } = fakeFetcher(() => Response.json({ error: { message: 'This playground needs its access token.', code: 'access_token_required' } }, { status: 401 }));
    await expect(fetchMcpServers(fetcher)).rejects.toMatchObject({ message: 'This playground needs its access token.', code: 'access_token_required' });
  });
});
