/**
 * HTTP-level tests of the bounds of an MCP tool call, against real servers from npm: the time limit
 * (cancelled on the server), a stdio server killed mid-call and started again, the per-server cap,
 * the result cap, and server-everything over Streamable HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcpCallErrorEventSchema } from '@/lib/mcp/types';
import { resetServerEnvForTests } from '@/lib/server/env';
import { setMcpLogSink } from '@/lib/server/mcp/log';
import { closeAllMcpConnections, mcpServerPid } from '@/lib/server/mcp/registry';
import { callRequest, everythingStdio, readSse, routeParams, startEverythingHttp, useConfig } from '@/lib/server/mcp/test-servers';
import { POST } from './route';

const log: string[] = [];
let http: Awaited<ReturnType<typeof startEverythingHttp>>;

beforeAll(async () => {
  setMcpLogSink((line) => log.push(line));
  http = await startEverythingHttp();
  useConfig({ everything: everythingStdio(), remote: { url: http.url } }, { PLAYGROUND_MCP_TIMEOUT_MS: '20000', PLAYGROUND_MCP_MAX_CALLS_PER_SERVER: '4', PLAYGROUND_MCP_DEBUG_ARGUMENTS: '1' });
});
afterAll(async () => {
  await closeAllMcpConnections();
  http?.stop();
});

const call = (server: string, tool: string, body: unknown) => POST(callRequest(server, tool, body), routeParams(server, tool));
const runs = () => log.filter((line) => line.includes('"mcp_call"')).map((line) => JSON.parse(line) as Record<string, unknown>);
const withEnv = async (env: Record<string, string>, body: () => Promise<void>) => {
  Object.assign(process.env, env);
  resetServerEnvForTests();
  try {
    await body();
  } finally {
    for (const name of Object.keys(env)) delete process.env[name];
    Object.assign(process.env, { PLAYGROUND_MCP_TIMEOUT_MS: '20000', PLAYGROUND_MCP_MAX_CALLS_PER_SERVER: '4' });
    resetServerEnvForTests();
  }
};

describe('MCP call bounds', () => {
  it('calls echo on server-everything over Streamable HTTP, with progress', async () => {
    const echo = await readSse(await call('remote', 'echo', { arguments: { message: 'over HTTP' } }));
    expect(echo.at(-1)).toMatchObject({ event: 'result', data: { content: [{ type: 'text', text: 'Echo: over HTTP' }] } });
    const long = await readSse(await call('remote', 'trigger-long-running-operation', { arguments: { duration: 0.4, steps: 2 } }));
    expect(long.map((e) => e.event)).toEqual(['progress', 'progress', 'result']);
    expect(runs().at(-1)).toMatchObject({ server: 'remote', arguments: { duration: 0.4, steps: 2 } });
  });

  it('past the time limit cancels the call on the server and answers a 504-style timeout', async () => {
    await readSse(await call('everything', 'echo', { arguments: { message: 'warm up' } }));
    await withEnv({ PLAYGROUND_MCP_TIMEOUT_MS: '700' }, async () => {
      const events = await readSse(await call('everything', 'trigger-long-running-operation', { arguments: { duration: 5, steps: 5 } }));
      expect(events.at(-1)?.event).toBe('error');
      expect(mcpCallErrorEventSchema.safeParse(events.at(-1)?.data).success).toBe(true);
      expect(events.at(-1)?.data).toEqual({ error: { message: expect.stringMatching(/^Timed out \(504\).*700 ms.*cancelled on the server/), type: 'timeout_error', code: 'timeout', param: null, status: 504 } });
      expect(runs().at(-1)).toMatchObject({ server: 'everything', tool: 'trigger-long-running-operation', outcome: 'timeout', cancelled: true });
    });
    // The server is still there and answers the next call.
    expect((await readSse(await call('everything', 'echo', { arguments: { message: 'after' } }))).at(-1)?.event).toBe('result');
  });

  it('a stdio server killed mid-call gives server_crashed, and the next call starts it again', async () => {
    const response = await call('everything', 'trigger-long-running-operation', { arguments: { duration: 10, steps: 100 } });
    const reader = response.body!.getReader();
    await reader.read(); // a progress event: the call is running
    const pid = mcpServerPid('everything');
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGKILL');
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
    const last = text.trim().split('\n\n').at(-1) ?? '';
    expect(last).toMatch(/^event: error\n/);
    expect(mcpCallErrorEventSchema.parse(JSON.parse(last.split('data: ')[1]))).toMatchObject({ error: { code: 'server_crashed', status: 502, message: expect.stringContaining('started again') } });
    const again = await readSse(await call('everything', 'echo', { arguments: { message: 'restarted' } }));
    expect(again.at(-1)).toMatchObject({ event: 'result', data: { content: [{ text: 'Echo: restarted' }] } });
    expect(mcpServerPid('everything')).not.toBe(pid);
  });

  it('refuses one call more than PLAYGROUND_MCP_MAX_CALLS_PER_SERVER with 429', async () => {
    await withEnv({ PLAYGROUND_MCP_MAX_CALLS_PER_SERVER: '1' }, async () => {
      const first = await call('everything', 'trigger-long-running-operation', { arguments: { duration: 1, steps: 2 } });
      const second = await call('everything', 'echo', { arguments: { message: 'x' } });
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBe('1');
      expect(await second.json()).toMatchObject({ error: { code: 'mcp_server_busy', type: 'rate_limit_error' } });
      expect((await readSse(first)).at(-1)?.event).toBe('result');
      expect((await readSse(await call('everything', 'echo', { arguments: { message: 'y' } }))).at(-1)?.event).toBe('result');
    });
  });

  it('drops a result larger than PLAYGROUND_MCP_MAX_RESULT_BYTES (result_too_large)', async () => {
    await withEnv({ PLAYGROUND_MCP_MAX_RESULT_BYTES: '100' }, async () => {
      const events = await readSse(await call('everything', 'echo', { arguments: { message: 'x'.repeat(500) } }));
      expect(events.at(-1)).toMatchObject({ event: 'error', data: { error: { code: 'result_too_large', status: 502 } } });
    });
  });

  it('stops reading a result past the cap while it arrives, over stdio and over HTTP', async () => {
    await withEnv({ PLAYGROUND_MCP_MAX_RESULT_BYTES: '1000' }, async () => {
      // New names: a connection's message cap is fixed when it opens.
      useConfig({ everything: everythingStdio(), remote: { url: http.url }, small: everythingStdio(), 'small-remote': { url: http.url } });
      for (const server of ['small', 'small-remote']) {
        await readSse(await call(server, 'echo', { arguments: { message: 'warm up' } }));
        const events = await readSse(await call(server, 'echo', { arguments: { message: 'x'.repeat(200_000) } }));
        expect(events.at(-1), server).toMatchObject({ event: 'error', data: { error: { code: 'result_too_large', message: expect.stringContaining('over the message cap') } } });
        expect((await readSse(await call(server, 'echo', { arguments: { message: 'small again' } }))).at(-1)?.event, server).toBe('result');
      }
    });
  });

  it('answers server_unavailable when an HTTP server has gone away', async () => {
    http.stop();
    const events = await readSse(await call('remote', 'echo', { arguments: { message: 'x' } }));
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { error: { code: 'server_unavailable', status: 503 } } });
  });

  it('answers server_unavailable when a configured server cannot start', async () => {
    useConfig({ everything: everythingStdio(), remote: { url: http.url }, broken: { command: 'no-such-mcp-command' } });
    const events = await readSse(await call('broken', 'echo', { arguments: {} }));
    expect(events).toEqual([{ event: 'error', data: { error: expect.objectContaining({ code: 'server_unavailable', status: 503, message: expect.stringContaining('no-such-mcp-command') }) } }]);
  });
});
