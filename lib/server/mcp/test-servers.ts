import 'server-only';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resetServerEnvForTests } from '../env';

/**
 * For the tests of the MCP endpoints: the real servers from node_modules (pinned in package.json),
 * a configuration file naming them, and a reader of the call's SSE answer.
 */
const MODULES = resolve(process.cwd(), 'node_modules/@modelcontextprotocol');
export const EVERYTHING = join(MODULES, 'server-everything/dist/index.js');
export const MEMORY = join(MODULES, 'server-memory/dist/index.js');

export const everythingStdio = () => ({ command: process.execPath, args: [EVERYTHING, 'stdio'] });

/** Writes a config file and points PLAYGROUND_MCP_CONFIG at it; returns its path. */
export function useConfig(mcpServers: Record<string, unknown> | string, env: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-config-'));
  const path = join(dir, 'mcp.json');
  writeFileSync(path, typeof mcpServers === 'string' ? mcpServers : JSON.stringify({ mcpServers }));
  Object.assign(process.env, { PLAYGROUND_MCP_CONFIG: path, PLAYGROUND_RATE_LIMIT_PER_MINUTE: '0' }, env);
  resetServerEnvForTests();
  return path;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** server-everything over Streamable HTTP on a free port, started here; `stop` kills it. */
export async function startEverythingHttp(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [EVERYTHING, 'streamableHttp'], { env: { PATH: process.env.PATH ?? '', PORT: String(port), NODE_ENV: 'test' }, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('server-everything (streamableHttp) did not start within 20 s')), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening on port')) {
        clearTimeout(timer);
        done();
      }
    });
    child.once('exit', (code) => fail(new Error(`server-everything (streamableHttp) exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/mcp`, stop: () => child.kill('SIGKILL') };
}

export interface SseEvent {
  event: string;
  data: unknown;
}

export async function readSse(response: Response): Promise<SseEvent[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const name = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      return { event: name, data: JSON.parse(data) as unknown };
    });
}

export function callRequest(server: string, tool: string, body: unknown, init: { signal?: AbortSignal; headers?: Record<string, string> } = {}): Request {
  return new Request(`http://localhost/api/v1/mcp/servers/${encodeURIComponent(server)}/tools/${encodeURIComponent(tool)}/call`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', host: 'localhost:3000', ...init.headers },
    signal: init.signal,
  });
}

export const routeParams = (server: string, tool: string) => ({ params: Promise.resolve({ server, tool }) });
