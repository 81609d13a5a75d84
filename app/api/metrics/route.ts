import { checkAccess } from '@/lib/server/access';
import { errorResponse } from '@/lib/server/http';
import { metricsRegistry } from '@/lib/server/observe/metrics';
import { observed } from '@/lib/server/observe/observed';
import { guardRequest, withTransportSecurity } from '@/lib/server/request-guard';

export const dynamic = 'force-dynamic';

/** Prometheus text of this process's metrics (lib/server/observe/metrics.ts); with PLAYGROUND_ACCESS_TOKEN set, the scrape sends it as its Bearer token. */
export const GET = observed('/api/metrics', async (request: Request): Promise<Response> => {
  const denied = guardRequest(request) ?? (await checkAccess(request.headers));
  if (denied) return withTransportSecurity(request.headers, errorResponse(denied));
  const registry = metricsRegistry();
  return withTransportSecurity(request.headers, new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' } }));
});
