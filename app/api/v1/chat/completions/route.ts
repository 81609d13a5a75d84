import { clientKey } from '@/lib/server/access';
import { answerChatCompletion } from '@/lib/server/chat-endpoint';
import { toWebResponse, webBody } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/**
 * Chat Completions under `next dev` and `next start`. `npm start` (server.mjs) answers this path
 * before Next's router, with the same lib/server/chat-endpoint (lib/server/node-chat).
 */
export async function POST(request: Request): Promise<Response> {
  const reply = await answerChatCompletion({
    headers: request.headers,
    client: clientKey(request.headers),
    body: webBody(request),
    signal: request.signal,
  });
  return toWebResponse(reply);
}
