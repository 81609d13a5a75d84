/**
 * The playground's MCP contract between its server and the page (DESIGN.md: "MCP"): which configured
 * servers there are, their state and tools, and one tool call's progress and result. Only servers named
 * in the server's PLAYGROUND_MCP_CONFIG file exist; no request names a command or a URL.
 *
 *   GET  /api/v1/mcp/servers                                → McpServersResponse
 *   POST /api/v1/mcp/servers/{server}/tools/{tool}/call     body McpCallRequest
 *        → text/event-stream: `event: progress` McpProgress …, then `event: result` McpCallResult
 *          or `event: error` McpCallErrorEvent; closing the request cancels the call
 *          (the server sends MCP's notifications/cancelled). Refusals before the call starts (unknown
 *          server or tool, bad body, access token) are OpenAI-shaped JSON errors with their status.
 */
import { z } from 'zod';
import { MCP_SERVER_NAME } from './server-name';

export { MCP_SERVER_NAME };

export const MCP_SERVER_STATES = ['idle', 'connecting', 'ready', 'failed'] as const;
export type McpServerState = (typeof MCP_SERVER_STATES)[number];

export const mcpToolSchema = z.object({
  name: z.string().max(256),
  title: z.string().max(1000).optional(),
  description: z.string().max(10_000).optional(),
  inputSchema: z.record(z.string(), z.unknown()),
  outputSchema: z.record(z.string(), z.unknown()).optional(),
  annotations: z.record(z.string(), z.union([z.boolean(), z.number(), z.string().max(1000)])).optional(),
});
export type McpTool = z.infer<typeof mcpToolSchema>;

export const mcpServerSchema = z.object({
  name: z.string().regex(MCP_SERVER_NAME),
  transport: z.enum(['stdio', 'http']),
  state: z.enum(MCP_SERVER_STATES),
  /** Why it failed, in words (state `failed`), or why its tools could not be listed. */
  error: z.string().max(2000).optional(),
  tools: z.array(mcpToolSchema).max(1000),
});
export type McpServer = z.infer<typeof mcpServerSchema>;

export const mcpServersResponseSchema = z.object({ servers: z.array(mcpServerSchema).max(100) });
export type McpServersResponse = z.infer<typeof mcpServersResponseSchema>;

export const mcpCallRequestSchema = z.object({ arguments: z.record(z.string(), z.unknown()) });
export type McpCallRequest = z.infer<typeof mcpCallRequestSchema>;

export const mcpProgressSchema = z.object({ progress: z.number(), total: z.number().optional(), message: z.string().max(2000).optional() });
export type McpProgress = z.infer<typeof mcpProgressSchema>;

/** One content block of a result, as MCP gives it (text, image, audio, resource link, embedded resource). */
export const mcpContentSchema = z.union([
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image'), data: z.string(), mimeType: z.string().max(200) }),
  z.object({ type: z.literal('audio'), data: z.string(), mimeType: z.string().max(200) }),
  z.object({ type: z.literal('resource_link'), uri: z.string().max(4000), name: z.string().max(1000).optional(), mimeType: z.string().max(200).optional() }),
  z.object({
    type: z.literal('resource'),
    resource: z.object({ uri: z.string().max(4000), mimeType: z.string().max(200).optional(), text: z.string().optional(), blob: z.string().optional() }),
  }),
]);
export type McpContent = z.infer<typeof mcpContentSchema>;

export const mcpCallResultSchema = z.object({
  content: z.array(mcpContentSchema).max(1000),
  structuredContent: z.record(z.string(), z.unknown()).optional(),
  /** The tool itself reported a failure (MCP `isError`): shown as a failed run. */
  isError: z.boolean(),
  durationMs: z.number(),
});
export type McpCallResult = z.infer<typeof mcpCallResultSchema>;

/**
 * Why a started call failed (`event: error`). `status` is the HTTP status the failure would have had
 * had the stream not begun (its headers said 200): timeout 504 (the call was cancelled on the server),
 * server_crashed 502 (a stdio server exited mid-call; the next call starts it again), result_too_large
 * 502, server_unavailable 503 (cannot be started or reached), tool_call_failed 502 (a protocol error
 * from the server, its message kept). A tool's own failure is not one: it is a result with `isError`.
 */
export const MCP_CALL_ERROR_CODES = ['timeout', 'server_crashed', 'result_too_large', 'server_unavailable', 'tool_call_failed'] as const;
export type McpCallErrorCode = (typeof MCP_CALL_ERROR_CODES)[number];

export const mcpCallErrorEventSchema = z.object({
  error: z.object({ message: z.string(), type: z.string(), code: z.enum(MCP_CALL_ERROR_CODES), param: z.null().optional(), status: z.number().int() }),
});
export type McpCallErrorEvent = z.infer<typeof mcpCallErrorEventSchema>;
