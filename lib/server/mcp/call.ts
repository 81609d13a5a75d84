import 'server-only';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mcpContentSchema, type McpCallErrorCode as McpStreamErrorCode, type McpCallResult, type McpContent, type McpProgress } from '@/lib/mcp/types';
import { apiError, type ApiErrorResult } from '../upstream-errors';
import { serverEnv } from '../env';
import { mcpConfig } from './config';
import type { McpConnection } from './connection';
import { connectionFor } from './registry';
import { logRun } from './log';

/**
 * One `tools/call` on one configured server, bounded: a time limit (cancelled on the server when it
 * passes), a cap on the serialized result, at most N calls at once per server (one more is refused
 * with 429 before it starts: a wait would hold the person's card with no sign of why), and the
 * request's abort sent on as MCP's notifications/cancelled. Every run is logged as one JSON line.
 */
/** The contract's codes, and `cancelled`: the person's own Cancel, logged but never sent (nobody listens). */
export type McpCallErrorCode = McpStreamErrorCode | 'cancelled';

export interface McpCallError {
  status: number;
  code: McpCallErrorCode;
  message: string;
}

export type McpCallOutcome = { ok: true; result: McpCallResult } | { ok: false; error: McpCallError };

export interface PreparedCall {
  /** Runs the call once; the slot it holds is given back when it ends. */
  run(args: Record<string, unknown>, signal: AbortSignal, onProgress: (progress: McpProgress) => void): Promise<McpCallOutcome>;
}

const CONFIG_ERROR = 'mcp_config_invalid';

/** The configuration's fault, as every MCP endpoint answers it. */
export function configError(message: string): ApiErrorResult {
  return apiError(500, message, { code: CONFIG_ERROR });
}

/**
 * Looks the server and the tool up by name among the configured ones, connects (starting a stdio
 * server), and takes a slot. A refusal is an HTTP error to answer before any stream; an unavailable
 * server is an `error` event of the call's stream (`server_unavailable`).
 */
export async function prepareMcpCall(server: string, tool: string): Promise<{ refused: ApiErrorResult } | { unavailable: McpCallError } | { call: PreparedCall }> {
  const config = mcpConfig();
  if (!config.ok) return { refused: configError(config.error) };
  const spec = config.servers.get(server);
  if (!spec) {
    return { refused: apiError(404, `No MCP server is configured under the name "${server.slice(0, 100)}". GET /api/v1/mcp/servers lists the configured ones.`, { code: 'mcp_server_not_found' }) };
  }
  const env = serverEnv();
  const connection = connectionFor(server, spec);
  if (connection.active >= env.PLAYGROUND_MCP_MAX_CALLS_PER_SERVER) return { refused: busy(server, env.PLAYGROUND_MCP_MAX_CALLS_PER_SERVER) };
  connection.active += 1;
  let handedOver = false;
  try {
    try {
      await connection.connect(env.PLAYGROUND_MCP_TIMEOUT_MS);
      if (!connection.tools.some((known) => known.name === tool)) await connection.refreshTools(env.PLAYGROUND_MCP_TIMEOUT_MS);
    } catch (error) {
      const reason = connection.error ?? (error instanceof Error ? error.message : String(error));
      return { unavailable: { status: 503, code: 'server_unavailable', message: `The MCP server "${server}" is not available: ${reason}` } };
    }
    if (!connection.tools.some((known) => known.name === tool)) {
      return { refused: apiError(404, `The MCP server "${server}" has no tool named "${tool.slice(0, 256)}".`, { code: 'mcp_tool_not_found' }) };
    }
    handedOver = true;
    return { call: { run: (args, signal, onProgress) => runCall(connection, tool, args, signal, onProgress).finally(() => (connection.active -= 1)) } };
  } finally {
    if (!handedOver) connection.active -= 1;
  }
}

function busy(server: string, max: number): ApiErrorResult {
  return apiError(429, `The MCP server "${server}" is already running ${max} calls, the most allowed at once (PLAYGROUND_MCP_MAX_CALLS_PER_SERVER). Wait for one to finish, then run this one again.`, {
    code: 'mcp_server_busy',
    headers: { 'Retry-After': '1' },
  });
}

async function runCall(connection: McpConnection, tool: string, args: Record<string, unknown>, signal: AbortSignal, onProgress: (progress: McpProgress) => void): Promise<McpCallOutcome> {
  const env = serverEnv();
  const started = performance.now();
  const cancelsBefore = connection.cancellationsSent;
  let outcome: McpCallOutcome;
  try {
    const client = await connection.connect(env.PLAYGROUND_MCP_TIMEOUT_MS);
    const watch = connection.watchProgress(({ progress, total, message }) =>
      onProgress({ progress, ...(total !== undefined ? { total } : {}), ...(message !== undefined ? { message: message.slice(0, 2000) } : {}) }),
    );
    let raw: CallToolResult;
    try {
      raw = (await client.callTool({ name: tool, arguments: args, _meta: { progressToken: watch.token } }, undefined, {
        signal,
        timeout: env.PLAYGROUND_MCP_TIMEOUT_MS,
        maxTotalTimeout: env.PLAYGROUND_MCP_TIMEOUT_MS,
      })) as CallToolResult;
    } finally {
      watch.stop();
    }
    outcome = toOutcome(connection, tool, raw, performance.now() - started, env.PLAYGROUND_MCP_MAX_RESULT_BYTES);
  } catch (error) {
    outcome = { ok: false, error: describeCallError(connection, tool, error, signal, env.PLAYGROUND_MCP_TIMEOUT_MS) };
    // An HTTP server that went away (or forgot the session): connect afresh on the next call.
    if (outcome.error.code === 'server_unavailable') await connection.close();
  }
  const durationMs = Math.round(performance.now() - started);
  logRun({
    server: connection.name,
    tool,
    durationMs,
    outcome: outcome.ok ? (outcome.result.isError ? 'tool_error' : 'ok') : outcome.error.code,
    ...(connection.cancellationsSent > cancelsBefore ? { cancelled: true } : {}),
    ...(env.PLAYGROUND_MCP_DEBUG_ARGUMENTS ? { arguments: args } : {}),
  });
  return outcome;
}

function toOutcome(connection: McpConnection, tool: string, raw: CallToolResult, durationMs: number, maxBytes: number): McpCallOutcome {
  const bytes = Buffer.byteLength(JSON.stringify(raw));
  if (bytes > maxBytes) return { ok: false, error: tooLarge(connection, tool, `${bytes} bytes`, maxBytes) };
  const content: McpContent[] = [];
  for (const block of raw.content ?? []) {
    const parsed = mcpContentSchema.safeParse(block);
    if (parsed.success && content.length < 1000) content.push(parsed.data);
  }
  const structured = raw.structuredContent;
  return {
    ok: true,
    result: {
      content,
      ...(structured && typeof structured === 'object' && !Array.isArray(structured) ? { structuredContent: structured } : {}),
      isError: raw.isError === true,
      durationMs: Math.round(durationMs),
    },
  };
}

function tooLarge(connection: McpConnection, tool: string, size: string, maxBytes: number): McpCallError {
  return {
    status: 502,
    code: 'result_too_large',
    message: `The result of "${tool}" on the MCP server "${connection.name}" (${size}) is larger than the ${maxBytes} bytes allowed (PLAYGROUND_MCP_MAX_RESULT_BYTES), so it was dropped. Ask the tool for less, or raise the cap.`,
  };
}

function describeCallError(connection: McpConnection, tool: string, error: unknown, signal: AbortSignal, timeoutMs: number): McpCallError {
  const where = `"${tool}" on the MCP server "${connection.name}"`;
  if (signal.aborted) return { status: 499, code: 'cancelled', message: `The call of ${where} was cancelled; the server was told (notifications/cancelled).` };
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
    return {
      status: 504,
      code: 'timeout',
      message: `Timed out (504): ${where} did not finish within ${timeoutMs} ms, so the call was cancelled on the server (notifications/cancelled) and no result came back. Retry, or raise PLAYGROUND_MCP_TIMEOUT_MS if the tool needs longer.`,
    };
  }
  if (connection.overflowed) return tooLarge(connection, tool, 'over the message cap', serverEnv().PLAYGROUND_MCP_MAX_RESULT_BYTES);
  if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed) {
    return {
      status: 502,
      code: 'server_crashed',
      message: `The MCP server "${connection.name}" stopped (its process exited or its connection closed) while running "${tool}", so no result came back. It will be started again on the next call: run it again.`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (connection.transportKind === 'http' && (error instanceof StreamableHTTPError || (error instanceof TypeError && /fetch/i.test(message)))) {
    return { status: 503, code: 'server_unavailable', message: `The MCP server "${connection.name}" could not be reached while calling "${tool}" (${message.slice(0, 500)}). The next call connects again.` };
  }
  return { status: 502, code: 'tool_call_failed', message: `The MCP server "${connection.name}" refused the call of "${tool}": ${message.slice(0, 1000)}` };
}
