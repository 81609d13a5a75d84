import { checkAccess } from '@/lib/server/access';
import { errorResponse } from '@/lib/server/http';
import { answerMcpServers } from '@/lib/server/mcp/endpoint';
import { guardRequest, withTransportSecurity } from '@/lib/server/request-guard';

export const dynamic = 'force-dynamic';

/** The configured MCP servers, each connected (a bounded wait), with its state and tools (lib/server/mcp). */
export async function GET(request: Request): Promise<Response> {
  const denied = guardRequest(request) ?? checkAccess(request.headers);
  if (denied) return withTransportSecurity(request.headers, errorResponse(denied));
  return withTransportSecurity(request.headers, await answerMcpServers());
}
