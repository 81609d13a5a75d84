import { errorResponse } from '@/lib/server/http';
import { observed } from '@/lib/server/observe/observed';
import { answerProviderModels } from '@/lib/server/provider-models';
import { guardRequest, withTransportSecurity } from '@/lib/server/request-guard';

export const dynamic = 'force-dynamic';

/** The provider's own current models (lib/server/provider-models), which the page merges with the catalogue. */
export const GET = observed('/api/v1/models/provider', async (request: Request): Promise<Response> => {
  const refused = guardRequest(request, { asksProvider: true });
  return withTransportSecurity(request.headers, refused ? errorResponse(refused) : await answerProviderModels(request));
});
