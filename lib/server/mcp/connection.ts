import 'server-only';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { DEFAULT_INHERITED_ENV_VARS, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerState } from '@/lib/mcp/types';
import { isStdio, type McpServerSpec } from './config';
import { logStderr } from './log';

/**
 * One configured server's connection: started (stdio) or connected (HTTP) on first use and kept; after
 * its process exits or its connection closes, the next use starts it again. Its tools are listed once
 * per connection (all pages, bounded).
 */
const MAX_TOOLS = 1000;
const MAX_TOOL_PAGES = 50;
const CLIENT_INFO = { name: 'function-calling-playground', version: '1.0.0' };

/**
 * A started server's environment: its configured `env` and a minimal PATH (node's own directory
 * first, so `"command": "node"` is this node), nothing of the app's. The SDK adds HOME, PATH, USER…
 * of the app to whatever it is given; an undefined value is one Node's spawn leaves out.
 */
export function childEnvironment(configured: Record<string, string>): Record<string, string> {
  const env: Record<string, string | undefined> = {};
  for (const name of DEFAULT_INHERITED_ENV_VARS) env[name] = undefined;
  Object.assign(env, { PATH: `${dirname(process.execPath)}:/usr/bin:/bin` }, configured);
  return env as Record<string, string>;
}

export class McpConnection {
  state: McpServerState = 'idle';
  error: string | undefined;
  tools: Tool[] = [];
  /** notifications/cancelled sent on this server's connections, counted for the run log. */
  cancellationsSent = 0;
  /** Calls running now (the per-server cap). */
  active = 0;
  private client: Client | undefined;
  private readonly progress = new Map<string, (params: { progress: number; total?: number; message?: string }) => void>();
  private nextToken = 0;
  private transport: Transport | undefined;
  private pending: Promise<Client> | undefined;
  /** Why the current connection closed when it was not us: a result past the cap, or an exit. */
  private closeReason: 'overflow' | undefined;

  constructor(
    readonly name: string,
    readonly spec: McpServerSpec,
    readonly maxMessageBytes: number,
  ) {}

  get transportKind(): 'stdio' | 'http' {
    return isStdio(this.spec) ? 'stdio' : 'http';
  }

  /** The process id of a started stdio server (tests kill it to show a crash). */
  get pid(): number | null {
    return this.transport instanceof StdioClientTransport ? this.transport.pid : null;
  }

  /** Whether the last connection closed because a message was larger than the cap. */
  get overflowed(): boolean {
    return this.closeReason === 'overflow';
  }

  /** The connected client, starting or connecting the server when there is none; rejects with the reason in words. */
  connect(timeoutMs: number): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.pending ??= this.open(timeoutMs).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private makeTransport(): Transport {
    const spec = this.spec;
    if (isStdio(spec)) {
      const transport = new StdioClientTransport({
        command: spec.command,
        args: spec.args,
        env: childEnvironment(spec.env),
        cwd: spec.cwd,
        stderr: 'pipe',
        maxBufferSize: this.maxMessageBytes,
      });
      logStderr(this.name, transport.stderr as Readable | null);
      return transport;
    }
    return new StreamableHTTPClientTransport(new URL(spec.url), {
      requestInit: { headers: spec.headers, redirect: 'error' },
      fetch: cappedFetch(this.maxMessageBytes, () => this.overflow()),
    });
  }

  private async open(timeoutMs: number): Promise<Client> {
    this.state = 'connecting';
    this.error = undefined;
    this.closeReason = undefined;
    const transport = this.makeTransport();
    const send = transport.send.bind(transport);
    transport.send = (message, options) => {
      if ('method' in message && message.method === 'notifications/cancelled') this.cancellationsSent += 1;
      return send(message, options);
    };
    const client = new Client(CLIENT_INFO, { capabilities: {} });
    client.onerror = (error) => {
      if (/exceeded maximum size/i.test(error.message)) this.closeReason = 'overflow';
    };
    client.onclose = () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.transport = undefined;
      this.state = 'idle';
      this.error = this.overflowed ? 'the server sent a message larger than the size cap, so its connection was closed' : 'the server closed its connection (it will be started again on next use)';
    };
    try {
      await client.connect(transport, { timeout: timeoutMs });
      this.deliverProgressFirst(transport);
      this.tools = await listAllTools(client, timeoutMs);
    } catch (error) {
      await client.close().catch(() => {});
      this.state = 'failed';
      this.error = describeConnectError(this, error, timeoutMs);
      throw new Error(this.error);
    }
    this.client = client;
    this.transport = transport;
    this.state = 'ready';
    return client;
  }

  /**
   * A progress token for one call, and its listener. The SDK's own `onprogress` can lose the last
   * notification before a result (it hands notifications on a microtask later, after the response
   * has removed the handler), so progress for our tokens is taken off the wire as it arrives.
   */
  watchProgress(listener: (params: { progress: number; total?: number; message?: string }) => void): { token: string; stop: () => void } {
    this.nextToken += 1;
    const token = `playground-${this.nextToken}`;
    this.progress.set(token, listener);
    return { token, stop: () => this.progress.delete(token) };
  }

  private deliverProgressFirst(transport: Transport): void {
    const deliver = transport.onmessage;
    transport.onmessage = (message, extra) => {
      if ('method' in message && message.method === 'notifications/progress' && !('id' in message)) {
        const params = (message.params ?? {}) as { progressToken?: unknown; progress?: unknown; total?: unknown; message?: unknown };
        const listener = this.progress.get(String(params.progressToken));
        if (listener) {
          if (typeof params.progress === 'number') {
            listener({
              progress: params.progress,
              ...(typeof params.total === 'number' ? { total: params.total } : {}),
              ...(typeof params.message === 'string' ? { message: params.message } : {}),
            });
          }
          return;
        }
      }
      deliver?.(message, extra);
    };
  }

  /** A message past the cap: the connection is closed (its calls end), the next use connects again. */
  private overflow(): void {
    this.closeReason = 'overflow';
    void this.client?.close().catch(() => {});
  }

  /** Lists the tools again (a call names one that the cached list does not hold). */
  async refreshTools(timeoutMs: number): Promise<Tool[]> {
    const client = await this.connect(timeoutMs);
    this.tools = await listAllTools(client, timeoutMs);
    return this.tools;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.transport = undefined;
    this.state = 'idle';
    await client?.close().catch(() => {});
  }

  /** At process exit, where nothing asynchronous runs: the child is signalled directly. */
  killNow(): void {
    const pid = this.pid;
    if (pid) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
}

/**
 * fetch for an HTTP server, bounding each answer to a message it POSTs (a result, as JSON or as SSE)
 * at `maxBytes` as it is read, so a huge result is never held whole. The session's long-lived GET
 * stream carries only notifications and is left unbounded.
 */
function cappedFetch(maxBytes: number, onOverflow: () => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if ((init?.method ?? 'GET').toUpperCase() !== 'POST' || !response.body) return response;
    let seen = 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) {
            onOverflow();
            controller.error(new Error(`The server's answer exceeded maximum size of ${maxBytes} bytes`));
            return;
          }
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

async function listAllTools(client: Client, timeoutMs: number): Promise<Tool[]> {
  if (!client.getServerCapabilities()?.tools) return [];
  const tools: Tool[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_TOOL_PAGES; page += 1) {
    const result = await client.listTools(cursor ? { cursor } : undefined, { timeout: timeoutMs });
    tools.push(...result.tools.slice(0, MAX_TOOLS - tools.length));
    cursor = result.nextCursor;
    if (!cursor || tools.length >= MAX_TOOLS) break;
  }
  return tools;
}

function describeConnectError(connection: McpConnection, error: unknown, timeoutMs: number): string {
  const message = error instanceof Error ? error.message : String(error);
  const spec = connection.spec;
  if (/timed out/i.test(message)) return `The server did not answer within ${timeoutMs} ms while connecting (${message}).`;
  if (isStdio(spec)) {
    if (/ENOENT/.test(message)) return `Its command "${spec.command}" was not found (the server's PATH is only its configured env's, or node's directory, /usr/bin and /bin): ${message}`;
    return `The server's process could not be started or exited before it answered: ${message}`;
  }
  return `Could not connect to ${new URL(spec.url).origin}: ${message}`;
}
