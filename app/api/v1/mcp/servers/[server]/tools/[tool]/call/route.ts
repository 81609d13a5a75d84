import { checkAccess } from '@/lib/server/access';
import { errorResponse } from '@/lib/server/http';
import { answerMcpCall } from '@/lib/server/mcp/endpoint';
import { observed } from '@/lib/server/observe/observed';
import { guardRequest, withTransportSecurity } from '@/lib/server/request-guard';

export const dynamic = 'force-dynamic';

/**
 * One tool call on one configured MCP server, streamed as SSE (lib/server/mcp/endpoint says the
 * events). The path names a server of PLAYGROUND_MCP_CONFIG and one of its tools; nothing else.
 */
export const POST = observed(
  '/api/v1/mcp/servers/[server]/tools/[tool]/call',
  async (request: Request, { params }: { params: Promise<{ server: string; tool: string }> }): Promise<Response> => {
    const denied = guardRequest(request, { json: true }) ?? (await checkAccess(request.headers));
    if (denied) return withTransportSecurity(request.headers, errorResponse(denied));
    const { server, tool } = await params;
    return withTransportSecurity(request.headers, await answerMcpCall(request, server, tool));
  },
);
