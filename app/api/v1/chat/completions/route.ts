import { answerChatCompletion } from '@/lib/server/chat-endpoint';

export const dynamic = 'force-dynamic';

/** OpenAI-compatible Chat Completions (lib/server/chat-endpoint), in every mode: dev, start, standalone. */
export function POST(request: Request): Promise<Response> {
  return answerChatCompletion(request);
}
