/**
 * HTTP-level tests of one MCP tool call, through the route handler, against real servers from npm:
 * server-everything and server-memory over stdio, started by the app itself on first use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetServerEnvForTests } from '@/lib/server/env';
import { setMcpLogSink } from '@/lib/server/mcp/log';
import { closeAllMcpConnections, mcpServerPid, stopMcpServersNow } from '@/lib/server/mcp/registry';
import { callRequest, EVERYTHING, everythingStdio, MEMORY, readSse, routeParams, useConfig } from '@/lib/server/mcp/test-servers';
import { POST } from './route';

const log: string[] = [];
const SECRET = 'sk-test-provider-key-must-not-leak-0123456789';

beforeAll(() => {
  setMcpLogSink((line) => log.push(line));
  process.env.AIML_API_KEY = SECRET;
  delete process.env.PLAYGROUND_ACCESS_TOKEN;
  useConfig({ everything: everythingStdio(), memory: { command: 'node', args: [MEMORY], env: { MEMORY_FILE_PATH: '/tmp/mcp-memory-test.jsonl' } } });
});
afterAll(async () => {
  await closeAllMcpConnections();
  delete process.env.AIML_API_KEY;
});

const call = (server: string, tool: string, body: unknown, init?: Parameters<typeof callRequest>[3]) => POST(callRequest(server, tool, body, init), routeParams(server, tool));
const runs = () => log.filter((line) => line.includes('"mcp_call"')).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('POST /api/v1/mcp/servers/{server}/tools/{tool}/call', () => {
  it('calls echo and answers the result as the last SSE event', async () => {
    const response = await call('everything', 'echo', { arguments: { message: 'hello MCP' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readSse(response);
    expect(events).toHaveLength(1);
    expect(events[0].event).toBe('result');
    expect(events[0].data).toMatchObject({ content: [{ type: 'text', text: 'Echo: hello MCP' }], isError: false, durationMs: expect.any(Number) });
    expect(runs().at(-1)).toMatchObject({ server: 'everything', tool: 'echo', outcome: 'ok', durationMs: expect.any(Number) });
    expect(runs().at(-1)).not.toHaveProperty('arguments');
  });

  it('streams the progress notifications of a long-running operation, then its result', async () => {
    const events = await readSse(await call('everything', 'trigger-long-running-operation', { arguments: { duration: 0.6, steps: 3 } }));
    expect(events.map((e) => e.event)).toEqual(['progress', 'progress', 'progress', 'result']);
    expect(events.slice(0, 3).map((e) => e.data)).toEqual([1, 2, 3].map((progress) => ({ progress, total: 3 })));
    expect(events[3].data).toMatchObject({ isError: false, content: [{ type: 'text', text: expect.stringContaining('completed') }] });
  });

  it('answers a tool that fails with isError: true (invalid arguments for get-sum)', async () => {
    const events = await readSse(await call('everything', 'get-sum', { arguments: { a: 'one', b: 2 } }));
    expect(events.at(-1)?.event).toBe('result');
    expect(events.at(-1)?.data).toMatchObject({ isError: true, content: [{ type: 'text' }] });
    expect(runs().at(-1)).toMatchObject({ tool: 'get-sum', outcome: 'tool_error' });
  });

  it('starts a server with its own env and a minimal PATH: the provider key never reaches it', async () => {
    expect(process.env.AIML_API_KEY).toBe(SECRET);
    const events = await readSse(await call('everything', 'get-env', { arguments: {} }));
    const text = (events.at(-1)?.data as { content: { text: string }[] }).content[0].text;
    expect(text).not.toContain(SECRET);
    const env = JSON.parse(text) as Record<string, string>;
    expect(env).not.toHaveProperty('AIML_API_KEY');
    expect(env).not.toHaveProperty('HOME');
    expect(env.PATH?.split(':').slice(-2)).toEqual(['/usr/bin', '/bin']);
  });

  it('calls server-memory over stdio (a second real server)', async () => {
    const events = await readSse(await call('memory', 'read_graph', { arguments: {} }));
    expect(events.at(-1)).toMatchObject({ event: 'result', data: { isError: false } });
  });

  it('sends the Cancel of the request on as notifications/cancelled', async () => {
    const abort = new AbortController();
    const response = await call('everything', 'trigger-long-running-operation', { arguments: { duration: 5, steps: 50 } }, { signal: abort.signal });
    const reader = response.body!.getReader();
    await reader.read(); // the first progress event: the call is running on the server
    abort.abort();
    await reader.cancel();
    await expect.poll(() => runs().at(-1)).toMatchObject({ tool: 'trigger-long-running-operation', outcome: 'cancelled', cancelled: true });
  });

  it('refuses a bad body with 400 and an unknown tool with 404, in the OpenAI error shape', async () => {
    const bad = await call('everything', 'echo', { args: { message: 'x' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: 'invalid_request_error', param: 'arguments' } });
    const notJson = await call('everything', 'echo', '{');
    expect(notJson.status).toBe(400);
    const unknown = await call('everything', 'no-such-tool', { arguments: {} });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'mcp_tool_not_found' } });
  });

  it('never reaches an unconfigured server: names that are paths, URLs or commands are 404, commands in the body ignored', async () => {
    for (const name of ['../x', '..', 'http://127.0.0.1:1/mcp', 'node', `node ${EVERYTHING}`, 'EVERYTHING', '%2e%2e', 'everything/../memory']) {
      const response = await call(name, 'echo', { arguments: { message: 'x' } });
      expect(response.status, name).toBe(404);
      expect(await response.json()).toMatchObject({ error: { type: 'not_found_error' } });
    }
    const smuggled = await call('everything', 'echo', { arguments: { message: 'x' }, command: 'touch /tmp/pwned', url: 'http://127.0.0.1:1', mcpServers: { evil: { command: 'sh' } } });
    expect((await readSse(smuggled)).at(-1)?.event).toBe('result');
    expect(runs().every((run) => run.server === 'everything' || run.server === 'memory')).toBe(true);
  });

  it('requires the access token when one is set', async () => {
    process.env.PLAYGROUND_ACCESS_TOKEN = 'open-sesame';
    resetServerEnvForTests();
    try {
      expect((await call('everything', 'echo', { arguments: { message: 'x' } })).status).toBe(401);
      const allowed = await call('everything', 'echo', { arguments: { message: 'x' } }, { headers: { authorization: 'Bearer open-sesame' } });
      expect((await readSse(allowed)).at(-1)?.event).toBe('result');
    } finally {
      delete process.env.PLAYGROUND_ACCESS_TOKEN;
      resetServerEnvForTests();
    }
  });
});

describe('when the app stops', () => {
  it('stops every started stdio server (the exit / SIGTERM hook)', async () => {
    await readSse(await call('everything', 'echo', { arguments: { message: 'x' } }));
    const pid = mcpServerPid('everything')!;
    expect(() => process.kill(pid, 0)).not.toThrow();
    stopMcpServersNow();
    await expect.poll(() => {
      try {
        process.kill(pid, 0);
        return 'running';
      } catch {
        return 'stopped';
      }
    }).toBe('stopped');
  });
});
