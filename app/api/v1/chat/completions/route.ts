import { answerChatCompletion } from '@/lib/server/chat-endpoint';
import { errorResponse } from '@/lib/server/http';
import { observed } from '@/lib/server/observe/observed';
import { guardRequest, withTransportSecurity } from '@/lib/server/request-guard';

export const dynamic = 'force-dynamic';

/**
 * OpenAI-compatible Chat Completions (lib/server/chat-endpoint), in every mode: dev, start, standalone.
 * First the checks every request passes (Host, cross-site, JSON: lib/server/request-guard).
 */
export const POST = observed('/api/v1/chat/completions', async (request: Request): Promise<Response> => {
  const refused = guardRequest(request, { json: true });
  return withTransportSecurity(request.headers, refused ? errorResponse(refused) : await answerChatCompletion(request));
});
