import { modelCatalogue } from '@/lib/wire/models';
import { checkAccess } from '@/lib/server/access';
import { errorResponse } from '@/lib/server/http';
import { observed } from '@/lib/server/observe/observed';
import { keyConfigured } from '@/lib/server/provider';
import { guardRequest, withTransportSecurity } from '@/lib/server/request-guard';

export const dynamic = 'force-dynamic';

/** The models that support function calling; upstream ones are `available` only with a key configured. */
export const GET = observed('/api/v1/models', async (request: Request): Promise<Response> => {
  const denied = guardRequest(request) ?? (await checkAccess(request.headers));
  if (denied) return withTransportSecurity(request.headers, errorResponse(denied));
  const configured = keyConfigured();
  return withTransportSecurity(request.headers, Response.json({ object: 'list', key_configured: configured, data: modelCatalogue(configured) }));
});
