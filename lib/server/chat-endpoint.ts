import 'server-only';
import { chatRequestSchema, describeIssues } from '@/lib/wire/chat';
import { checkAccess, checkRateLimit, clientKey } from './access';
import { proxyChatCompletion } from './chat-proxy';
import { requestRecord } from './observe/context';
import { errorResponse, readJsonBody } from './http';
import { apiError } from './upstream-errors';

/**
 * POST /api/v1/chat/completions, OpenAI-compatible: check access and the rate limit, validate the
 * body, then forward it with the server's key and answer in the Chat Completions protocol.
 */
export async function answerChatCompletion(request: Request): Promise<Response> {
  const denied = (await checkAccess(request.headers)) ?? (await checkRateLimit(clientKey(request.headers)));
  if (denied) return errorResponse(denied);
  const body = await readJsonBody(request);
  if (!body.ok) return errorResponse(body.error);
  const parsed = chatRequestSchema.safeParse(body.value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return errorResponse(
      apiError(400, `Invalid request body: ${describeIssues(parsed.error.issues)}`, {
        param: first?.path.map(String).join('.') || null,
        code: 'invalid_request_body',
      }),
    );
  }
  return proxyChatCompletion(parsed.data, {
    signal: request.signal,
    inspect: request.headers.get('x-playground-inspect') === '1',
    record: requestRecord(request),
  });
}
