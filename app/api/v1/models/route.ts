import { modelCatalogue } from '@/lib/wire/models';
import { checkAccess } from '@/lib/server/access';
import { errorResponse } from '@/lib/server/http';
import { keyConfigured } from '@/lib/server/provider';
import { guardRequest, withTransportSecurity } from '@/lib/server/request-guard';

export const dynamic = 'force-dynamic';

/** The models that support function calling; upstream ones are `available` only with a key configured. */
export function GET(request: Request): Response {
  const denied = guardRequest(request) ?? checkAccess(request.headers);
  if (denied) return withTransportSecurity(request.headers, errorResponse(denied));
  const configured = keyConfigured();
  return withTransportSecurity(request.headers, Response.json({ object: 'list', key_configured: configured, data: modelCatalogue(configured) }));
}
