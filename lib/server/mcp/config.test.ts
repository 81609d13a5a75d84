import { describe, expect, it } from 'vitest';
import { parseMcpConfig } from './config';
import { childEnvironment } from './connection';

describe('parseMcpConfig', () => {
  it('reads stdio and HTTP servers in the Claude Desktop / VS Code format', () => {
    const config = parseMcpConfig(
      JSON.stringify({ mcpServers: { everything: { command: 'npx', args: ['-y', 'x'], env: { A: '1' } }, remote: { type: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer t' } } } }),
      'test',
    );
    expect(config).toEqual({
      ok: true,
      servers: new Map<string, unknown>([
        ['everything', { command: 'npx', args: ['-y', 'x'], env: { A: '1' } }],
        ['remote', { type: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer t' } }],
      ]),
    });
  });

  it.each([
    ['a name that is a path', { '../x': { command: 'sh' } }, /server names/],
    ['a URL that is not http(s)', { x: { url: 'file:///etc/passwd' } }, /http\(s\) URL/],
    ['neither a command nor a URL', { x: { cmd: 'sh' } }, /mcpServers\.x/],
    ['both a command and a URL', { x: { command: 'sh', url: 'http://a' } }, /mcpServers\.x/],
    ['an environment value that is not a string', { x: { command: 'sh', env: { A: 1 } } }, /mcpServers\.x/],
  ])('refuses %s, saying where', (_, mcpServers, message) => {
    const config = parseMcpConfig(JSON.stringify({ mcpServers }), 'test');
    expect(config.ok).toBe(false);
    expect(!config.ok && config.error).toMatch(message);
  });

  it('refuses a file that is not JSON or has no mcpServers', () => {
    expect(parseMcpConfig('{', 'test')).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
    expect(parseMcpConfig('{"servers":{}}', 'test')).toMatchObject({ ok: false, error: expect.stringContaining('mcpServers') });
  });
});

describe('childEnvironment', () => {
  it('is the configured env and a minimal PATH, the SDK defaults taken out', () => {
    const env = childEnvironment({ TOKEN: 't' });
    expect(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined))).toEqual({ TOKEN: 't', PATH: expect.stringMatching(/:\/usr\/bin:\/bin$/) });
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['HOME', 'USER']));
  });

  it('keeps a PATH the configuration sets', () => {
    expect(childEnvironment({ PATH: '/opt/bin' }).PATH).toBe('/opt/bin');
  });
});

describe('the MCP settings of the environment', () => {
  const parse = async (env: Record<string, string>) => {
    const { resetServerEnvForTests, serverEnv } = await import('../env');
    const saved = { ...process.env };
    Object.assign(process.env, env);
    resetServerEnvForTests();
    try {
      return serverEnv();
    } finally {
      for (const name of Object.keys(env)) if (!(name in saved)) delete process.env[name];
      resetServerEnvForTests();
    }
  };

  it('has defaults', async () => {
    delete process.env.PLAYGROUND_MCP_CONFIG;
    const env = await parse({});
    expect(env.PLAYGROUND_MCP_CONFIG).toBeUndefined();
    expect(env).toMatchObject({
      PLAYGROUND_MCP_TIMEOUT_MS: 60_000,
      PLAYGROUND_MCP_MAX_RESULT_BYTES: 1024 * 1024,
      PLAYGROUND_MCP_MAX_CALLS_PER_SERVER: 4,
      PLAYGROUND_MCP_DEBUG_ARGUMENTS: false,
    });
    expect((await parse({ PLAYGROUND_MCP_DEBUG_ARGUMENTS: '1' })).PLAYGROUND_MCP_DEBUG_ARGUMENTS).toBe(true);
  });

  it.each([
    ['PLAYGROUND_MCP_TIMEOUT_MS', '0'],
    ['PLAYGROUND_MCP_MAX_CALLS_PER_SERVER', 'many'],
    ['PLAYGROUND_MCP_MAX_RESULT_BYTES', '-1'],
    ['PLAYGROUND_MCP_DEBUG_ARGUMENTS', 'maybe'],
  ])('refuses %s=%s, naming it', async (name, value) => {
    await expect(parse({ [name]: value })).rejects.toThrow(new RegExp(name));
  });
});
