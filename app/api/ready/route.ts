import { checkAccess } from '@/lib/server/access';
import { serverEnv } from '@/lib/server/env';
import { errorResponse } from '@/lib/server/http';
import { observed } from '@/lib/server/observe/observed';
import { checkReadiness } from '@/lib/server/observe/readiness';
import { guardRequest, withTransportSecurity } from '@/lib/server/request-guard';

export const dynamic = 'force-dynamic';

/**
 * Ready: 200 when the storage and the limit store answer, else 503 (lib/server/observe/readiness.ts).
 * A load balancer needs no token: with PLAYGROUND_ACCESS_TOKEN set, a caller without it gets the
 * status alone; the checks (store kinds, errors, MCP servers) need the token as every API call does.
 */
export const GET = observed('/api/ready', async (request: Request): Promise<Response> => {
  const refused = guardRequest(request);
  if (refused) return withTransportSecurity(request.headers, errorResponse(refused));
  const readiness = await checkReadiness();
  const init = { status: readiness.status === 'ready' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } };
  const body = (await mayReadDetails(request.headers)) ? readiness : { status: readiness.status };
  return withTransportSecurity(request.headers, Response.json(body, init));
});

/** No token configured, or the caller has it. A failing limit store (checkAccess reads it) means no details, never a 500. */
async function mayReadDetails(headers: Headers): Promise<boolean> {
  if (!serverEnv().PLAYGROUND_ACCESS_TOKEN) return true;
  try {
    return (await checkAccess(headers)) === null;
  } catch {
    return false;
  }
}
