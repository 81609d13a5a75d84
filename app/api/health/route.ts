import { errorResponse } from '@/lib/server/http';
import { observed } from '@/lib/server/observe/observed';
import { guardRequest, withTransportSecurity } from '@/lib/server/request-guard';

export const dynamic = 'force-dynamic';

/** Alive: the process answers. No dependency is checked (that is /api/ready) and no access token is needed: it tells nothing. */
export const GET = observed('/api/health', async (request: Request): Promise<Response> => {
  const refused = guardRequest(request);
  return withTransportSecurity(request.headers, refused ? errorResponse(refused) : Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } }));
});
