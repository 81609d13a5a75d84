/**
 * HTTP-level tests of GET /api/v1/mcp/servers through the route handler, against real servers from
 * npm: server-everything over stdio and over Streamable HTTP, server-memory over stdio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcpServersResponseSchema, type McpServer } from '@/lib/mcp/types';
import { resetServerEnvForTests } from '@/lib/server/env';
import { setMcpLogSink } from '@/lib/server/mcp/log';
import { closeAllMcpConnections } from '@/lib/server/mcp/registry';
import { everythingStdio, MEMORY, startEverythingHttp, useConfig } from '@/lib/server/mcp/test-servers';
import { GET } from './route';

let http: Awaited<ReturnType<typeof startEverythingHttp>>;

beforeAll(async () => {
  setMcpLogSink(() => {});
  delete process.env.PLAYGROUND_ACCESS_TOKEN;
  http = await startEverythingHttp();
});
afterAll(async () => {
  await closeAllMcpConnections();
  http?.stop();
});

const get = (headers: Record<string, string> = {}) => GET(new Request('http://localhost/api/v1/mcp/servers', { headers: { host: 'localhost:3000', ...headers } }));

describe('GET /api/v1/mcp/servers', () => {
  it('answers no servers when PLAYGROUND_MCP_CONFIG is unset', async () => {
    delete process.env.PLAYGROUND_MCP_CONFIG;
    resetServerEnvForTests();
    const response = await get();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ servers: [] });
  });

  it('lists each real server with its state and tools (stdio, Streamable HTTP, a second package)', async () => {
    useConfig({ everything: everythingStdio(), remote: { url: http.url, headers: { 'X-Test': '1' } }, memory: { command: 'node', args: [MEMORY], env: { MEMORY_FILE_PATH: '/tmp/mcp-memory-list.jsonl' } } });
    const response = await get();
    expect(response.status).toBe(200);
    const body = mcpServersResponseSchema.parse(await response.json());
    const byName = new Map<string, McpServer>(body.servers.map((server) => [server.name, server]));
    expect([...byName.keys()]).toEqual(['everything', 'remote', 'memory']);
    for (const name of ['everything', 'remote']) {
      const server = byName.get(name)!;
      expect(server).toMatchObject({ state: 'ready', transport: name === 'remote' ? 'http' : 'stdio' });
      const names = server.tools.map((tool) => tool.name);
      expect(names).toEqual(expect.arrayContaining(['echo', 'get-sum', 'get-env', 'trigger-long-running-operation']));
      expect(server.tools.find((tool) => tool.name === 'get-sum')).toMatchObject({ annotations: { readOnlyHint: true }, inputSchema: { type: 'object' } });
    }
    expect(byName.get('memory')).toMatchObject({ state: 'ready', transport: 'stdio' });
    expect(byName.get('memory')!.tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['create_entities', 'read_graph', 'search_nodes']));
  });

  it('serves the example configuration of the README (mcp.example.json: everything over stdio)', async () => {
    process.env.PLAYGROUND_MCP_CONFIG = 'mcp.example.json';
    resetServerEnvForTests();
    const body = mcpServersResponseSchema.parse(await (await get()).json());
    expect(body.servers).toEqual([expect.objectContaining({ name: 'everything', transport: 'stdio', state: 'ready', tools: expect.arrayContaining([expect.objectContaining({ name: 'echo' })]) })]);
  });

  it('answers a server that cannot start as failed, with the reason, beside the others', async () => {
    useConfig({ everything: everythingStdio(), missing: { command: 'no-such-mcp-command' }, closed: { url: 'http://127.0.0.1:9/mcp' } });
    const body = mcpServersResponseSchema.parse(await (await get()).json());
    expect(body.servers.find((server) => server.name === 'everything')?.state).toBe('ready');
    expect(body.servers.find((server) => server.name === 'missing')).toMatchObject({ state: 'failed', error: expect.stringContaining('no-such-mcp-command'), tools: [] });
    expect(body.servers.find((server) => server.name === 'closed')).toMatchObject({ state: 'failed', error: expect.stringContaining('127.0.0.1:9'), tools: [] });
  });

  it('says what is wrong with a bad configuration file, and the app goes on', async () => {
    useConfig('{ "mcpServers": { "../evil": { "command": "sh" }, "x": { "url": "file:///etc/passwd" } } }');
    const response = await get();
    expect(response.status).toBe(500);
    const { error } = (await response.json()) as { error: { message: string; code: string } };
    expect(error.code).toBe('mcp_config_invalid');
    expect(error.message).toMatch(/not in the mcpServers format.*server names/);
    useConfig('not json');
    expect(((await (await get()).json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
  });

  it('requires the access token when one is set', async () => {
    useConfig({});
    process.env.PLAYGROUND_ACCESS_TOKEN = 'open-sesame';
    resetServerEnvForTests();
    try {
      expect((await get()).status).toBe(401);
      expect((await get({ authorization: 'Bearer open-sesame' })).status).toBe(200);
    } finally {
      delete process.env.PLAYGROUND_ACCESS_TOKEN;
      resetServerEnvForTests();
    }
  });
});
