import { checkAccess } from '@/lib/server/access';
import { errorResponse } from '@/lib/server/http';
import { answerMcpServers } from '@/lib/server/mcp/endpoint';
import { observed } from '@/lib/server/observe/observed';
import { guardRequest, withTransportSecurity } from '@/lib/server/request-guard';

export const dynamic = 'force-dynamic';

/** The configured MCP servers, each connected (a bounded wait), with its state and tools (lib/server/mcp). */
export const GET = observed('/api/v1/mcp/servers', async (request: Request): Promise<Response> => {
  const denied = guardRequest(request) ?? (await checkAccess(request.headers));
  if (denied) return withTransportSecurity(request.headers, errorResponse(denied));
  return withTransportSecurity(request.headers, await answerMcpServers());
});
