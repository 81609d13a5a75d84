import 'server-only';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { McpServer, McpServersResponse, McpTool } from '@/lib/mcp/types';
import { serverEnv } from '../env';
import { mcpConfig, type McpServerSpec } from './config';
import { McpConnection } from './connection';

/**
 * The connections of the configured servers, one per name, shared by every route bundle of the
 * process (on globalThis). A name's connection is replaced when its entry in the file changes, and
 * every started server is stopped when the app stops (exit, SIGTERM, SIGINT).
 */
const KEY = Symbol.for('function-calling-playground/mcp-connections');
interface Registry {
  connections: Map<string, { json: string; connection: McpConnection }>;
  hooked: boolean;
}

function registry(): Registry {
  const global = globalThis as { [KEY]?: Registry };
  global[KEY] ??= { connections: new Map(), hooked: false };
  return global[KEY];
}

/** Room for one message of a stdio server: the result cap, JSON escaping and the envelope. */
const messageBytes = () => serverEnv().PLAYGROUND_MCP_MAX_RESULT_BYTES * 2 + 64 * 1024;

/** Signals every started stdio server: what the app's exit and SIGTERM/SIGINT do. */
export function stopMcpServersNow(): void {
  for (const { connection } of registry().connections.values()) connection.killNow();
}

function hookShutdown(state: Registry): void {
  if (state.hooked) return;
  state.hooked = true;
  process.once('exit', stopMcpServersNow);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopMcpServersNow();
      // Our listener replaced Node's default (exit); when nobody else (Next) handles the signal, exit.
      if (process.listenerCount(signal) === 0) process.exit(signal === 'SIGTERM' ? 143 : 130);
    });
  }
}

/** The connection of a configured server; undefined for any name the file does not hold. */
export function connectionFor(name: string, spec: McpServerSpec): McpConnection {
  const state = registry();
  hookShutdown(state);
  const json = JSON.stringify(spec);
  const known = state.connections.get(name);
  if (known && known.json === json) return known.connection;
  if (known) void known.connection.close();
  const connection = new McpConnection(name, spec, messageBytes());
  state.connections.set(name, { json, connection });
  return connection;
}

/** Stops every server and forgets the connections (tests, between files). */
export async function closeAllMcpConnections(): Promise<void> {
  const state = registry();
  const all = [...state.connections.values()];
  state.connections.clear();
  await Promise.all(all.map(({ connection }) => connection.close()));
}

const clip = (value: string | undefined, max: number) => (value === undefined ? undefined : value.slice(0, max));

/** A tool as the contract carries it: bounded, annotations reduced to their scalar values. */
export function toMcpTool(tool: Tool): McpTool {
  const annotations: Record<string, boolean | number | string> = {};
  for (const [key, value] of Object.entries(tool.annotations ?? {})) {
    if (typeof value === 'boolean' || typeof value === 'number') annotations[key] = value;
    else if (typeof value === 'string') annotations[key] = value.slice(0, 1000);
  }
  return {
    name: tool.name.slice(0, 256),
    ...(tool.title !== undefined ? { title: clip(tool.title, 1000) } : {}),
    ...(tool.description !== undefined ? { description: clip(tool.description, 10_000) } : {}),
    inputSchema: tool.inputSchema as Record<string, unknown>,
    ...(tool.outputSchema ? { outputSchema: tool.outputSchema as Record<string, unknown> } : {}),
    ...(Object.keys(annotations).length ? { annotations } : {}),
  };
}

/** How long GET /servers waits for a server to connect before answering it as `connecting`. */
const LIST_WAIT_MS = 10_000;

async function describe(connection: McpConnection, timeoutMs: number): Promise<McpServer> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'waiting'>((resolve) => {
    timer = setTimeout(() => resolve('waiting'), Math.min(LIST_WAIT_MS, timeoutMs));
  });
  const outcome = await Promise.race([connection.connect(timeoutMs).then(() => 'ready' as const, () => 'failed' as const), waited]);
  clearTimeout(timer);
  const base = { name: connection.name, transport: connection.transportKind };
  if (outcome === 'ready') return { ...base, state: 'ready', tools: connection.tools.map(toMcpTool) };
  if (outcome === 'failed') return { ...base, state: 'failed', error: (connection.error ?? 'failed to connect').slice(0, 2000), tools: [] };
  return { ...base, state: 'connecting', error: `Still connecting after ${Math.min(LIST_WAIT_MS, timeoutMs)} ms; ask again.`, tools: [] };
}

/** GET /api/v1/mcp/servers: every configured server, connected (a bounded wait), with its tools. */
export async function listMcpServers(): Promise<{ ok: true; value: McpServersResponse } | { ok: false; error: string }> {
  const config = mcpConfig();
  if (!config.ok) return config;
  const timeoutMs = serverEnv().PLAYGROUND_MCP_TIMEOUT_MS;
  const servers = await Promise.all([...config.servers].map(([name, spec]) => describe(connectionFor(name, spec), timeoutMs)));
  return { ok: true, value: { servers } };
}

/** The process id of a started stdio server, if it runs (tests kill it to show a crash). */
export function mcpServerPid(name: string): number | null {
  return registry().connections.get(name)?.connection.pid ?? null;
}
