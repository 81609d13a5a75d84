import 'server-only';
import { mcpCallRequestSchema, MCP_SERVER_NAME, type McpCallResult, type McpProgress } from '@/lib/mcp/types';
import { errorResponse, readJsonBody } from '../http';
import { apiError, errorTypeForStatus } from '../upstream-errors';
import { configError, prepareMcpCall, type McpCallError } from './call';
import { listMcpServers } from './registry';

/**
 * The two MCP endpoints past their access checks (the routes in app/api/v1/mcp run those first).
 *
 * The call answers text/event-stream (lib/mcp/types.ts):
 *   event: progress  data: McpProgress                       (zero or more)
 *   event: result    data: McpCallResult                     (the end), or
 *   event: error     data: McpCallErrorEvent
 */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function answerMcpServers(): Promise<Response> {
  const listed = await listMcpServers();
  if (!listed.ok) return errorResponse(configError(listed.error));
  return Response.json(listed.value);
}

const SSE_HEADERS = { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' };

const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/** An McpCallErrorEvent (`cancelled` only ever goes to a reader that has gone). */
export function errorEventData(error: McpCallError) {
  return { error: { message: error.message, type: errorTypeForStatus(error.status), code: error.code, param: null, status: error.status } };
}

function notFound(what: string) {
  return errorResponse(apiError(404, what, { code: 'mcp_server_not_found' }));
}

/** POST /api/v1/mcp/servers/{server}/tools/{tool}/call. */
export async function answerMcpCall(request: Request, server: string, tool: string): Promise<Response> {
  // Only names of configured servers are ever looked up; anything else is not one of them.
  if (!MCP_SERVER_NAME.test(server)) return notFound(`"${server.slice(0, 100)}" is not the name of a configured MCP server (names hold only letters, digits, _ . -).`);
  if (tool.length === 0 || tool.length > 256) return errorResponse(apiError(404, 'No tool has that name.', { code: 'mcp_tool_not_found' }));
  const body = await readJsonBody(request, MAX_BODY_BYTES);
  if (!body.ok) return errorResponse(body.error);
  const parsed = mcpCallRequestSchema.safeParse(body.value);
  if (!parsed.success) {
    return errorResponse(apiError(400, 'The body must be a JSON object { "arguments": { … } }: the tool call\'s arguments as an object.', { code: 'invalid_request', param: 'arguments' }));
  }
  const prepared = await prepareMcpCall(server, tool);
  if ('refused' in prepared) return errorResponse(prepared.refused);
  const encoder = new TextEncoder();
  if ('unavailable' in prepared) {
    return new Response(encoder.encode(event('error', errorEventData(prepared.unavailable))), { headers: SSE_HEADERS });
  }
  const abort = new AbortController();
  const onAbort = () => abort.abort(new Error('The request was closed (Cancel).'));
  if (request.signal.aborted) onAbort();
  request.signal.addEventListener('abort', onAbort, { once: true });
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (abort.signal.aborted) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // the reader went away
        }
      };
      const outcome = await prepared.call.run(parsed.data.arguments, abort.signal, (progress: McpProgress) => send(event('progress', progress)));
      request.signal.removeEventListener('abort', onAbort);
      if (outcome.ok) send(event('result', outcome.result satisfies McpCallResult));
      else send(event('error', errorEventData(outcome.error)));
      try {
        controller.close();
      } catch {
        // already cancelled
      }
    },
    cancel() {
      onAbort();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
