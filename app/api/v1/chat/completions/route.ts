import { chatRequestSchema, describeIssues } from '@/lib/chat';
import { checkAccess, checkRateLimit } from '@/lib/server/access';
import { proxyChatCompletion } from '@/lib/server/chat-proxy';
import { errorResponse, readJsonBody } from '@/lib/server/http';
import { apiError } from '@/lib/server/upstream-errors';

export const dynamic = 'force-dynamic';

/** OpenAI-compatible Chat Completions: validate, inject the server's key, forward, stream back. */
export async function POST(request: Request): Promise<Response> {
  const denied = checkAccess(request) ?? checkRateLimit(request);
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
  });
}
