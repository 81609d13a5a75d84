import 'server-only';
import { chatRequestSchema, describeIssues } from '@/lib/wire/chat';
import { checkAccess, checkRateLimit } from './access';
import { proxyChatCompletion } from './chat-proxy';
import { errorReply, readJsonBody, type HeaderSource, type IncomingBody, type Reply } from './http';
import { apiError } from './upstream-errors';

/** One POST /api/v1/chat/completions, as either server (Next's route or the node:http fast path) received it. */
export interface ChatCall {
  headers: HeaderSource;
  /** Whom the rate limit counts this call against (lib/server/access `clientKey`). */
  client: string;
  body: IncomingBody;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** OpenAI-compatible Chat Completions: check access, validate, inject the server's key, forward, stream back. */
export async function answerChatCompletion(call: ChatCall): Promise<Reply> {
  const denied = checkAccess(call.headers) ?? checkRateLimit(call.client);
  if (denied) return errorReply(denied);
  const body = await readJsonBody(call.body);
  if (!body.ok) return errorReply(body.error);
  const parsed = chatRequestSchema.safeParse(body.value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return errorReply(
      apiError(400, `Invalid request body: ${describeIssues(parsed.error.issues)}`, {
        param: first?.path.map(String).join('.') || null,
        code: 'invalid_request_body',
      }),
    );
  }
  return proxyChatCompletion(parsed.data, {
    signal: call.signal,
    inspect: call.headers.get('x-playground-inspect') === '1',
  });
}
