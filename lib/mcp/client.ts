/**
 * The page's side of the MCP contract (./types.ts): the configured servers, and one run of a tool on
 * one of them, with its progress, read from the server's event stream and checked at the boundary.
 */
import { SseParser } from '@/lib/wire/sse';
import { mcpCallResultSchema, mcpProgressSchema, mcpServersResponseSchema, type McpCallResult, type McpProgress, type McpServersResponse } from './types';

export const MCP_SERVERS_URL = '/api/v1/mcp/servers';

/** A run that did not give a result: what happened, in words, and the server's code (timeout, server_crashed, …). */
export class McpRunError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

async function errorOf(response: Response): Promise<McpRunError> {
  const body: unknown = await response.json().catch(() => null);
  const error = typeof body === 'object' && body !== null ? (body as { error?: { message?: unknown; code?: unknown } }).error : undefined;
  const message = typeof error?.message === 'string' ? error.message : `The playground's server answered ${response.status}.`;
  return new McpRunError(message, typeof error?.code === 'string' ? error.code : `http_${response.status}`);
}

export async function fetchMcpServers(fetcher: typeof fetch = fetch): Promise<McpServersResponse> {
  const response = await fetcher(MCP_SERVERS_URL, { headers: { accept: 'application/json' } });
  if (!response.ok) throw await errorOf(response);
  const parsed = mcpServersResponseSchema.safeParse(await response.json());
  if (!parsed.success) throw new McpRunError("The playground's server answered the server list in a shape this page does not read.", 'bad_response');
  return parsed.data;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: McpProgress) => void;
  fetcher?: typeof fetch;
}

/** Runs `tool` on `server` with the arguments as given; rejects with McpRunError (or an AbortError on Cancel). */
export async function runMcpTool(server: string, tool: string, args: Record<string, unknown>, options: RunOptions = {}): Promise<McpCallResult> {
  const fetcher = options.fetcher ?? fetch;
  const url = `${MCP_SERVERS_URL}/${encodeURIComponent(server)}/tools/${encodeURIComponent(tool)}/call`;
  const response = await fetcher(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ arguments: args }),
    signal: options.signal,
  });
  if (!response.ok || !response.body) throw await errorOf(response);
  const parser = new SseParser();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const event of parser.push(value)) {
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        continue;
      }
      if (event.event === 'progress') {
        const progress = mcpProgressSchema.safeParse(data);
        if (progress.success) options.onProgress?.(progress.data);
      } else if (event.event === 'result') {
        const result = mcpCallResultSchema.safeParse(data);
        if (!result.success) throw new McpRunError(`The tool's result could not be read: ${result.error.issues[0]?.message ?? 'unexpected shape'}.`, 'bad_response');
        return result.data;
      } else if (event.event === 'error') {
        const error = (data as { error?: { message?: unknown; code?: unknown } }).error;
        throw new McpRunError(typeof error?.message === 'string' ? error.message : 'The run failed.', typeof error?.code === 'string' ? error.code : 'error');
      }
    }
  }
  throw new McpRunError('The connection to the playground’s server closed before the tool answered.', 'stream_ended');
}
