import { clientKey } from '@/lib/server/access';
import { answerChatCompletion } from '@/lib/server/chat-endpoint';
import { toWebResponse, webBody } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** OpenAI-compatible Chat Completions (lib/server/chat-endpoint), in every mode: dev, start, standalone. */
export async function POST(request: Request): Promise<Response> {
  const reply = await answerChatCompletion({
    headers: request.headers,
    client: clientKey(request.headers),
    body: webBody(request),
    signal: request.signal,
  });
  return toWebResponse(reply);
}
