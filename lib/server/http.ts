import 'server-only';
import { LIMITS } from '@/lib/chat';
import { apiError, type ApiErrorResult } from './upstream-errors';

/** A JSON response in the OpenAI error shape. */
export function errorResponse(error: ApiErrorResult): Response {
  return Response.json(error.body, { status: error.status, headers: error.headers });
}

/**
 * Reads a JSON body, refusing more than `limit` bytes without buffering them (a missing or lying
 * Content-Length is checked while reading).
 */
export async function readJsonBody(
  request: Request,
  limit: number = LIMITS.maxBodyBytes,
): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiErrorResult }> {
  const tooLarge = () =>
    apiError(413, `The request body is larger than ${limit} bytes. Send fewer or shorter messages or tools.`, {
      code: 'request_too_large',
    });
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) return { ok: false, error: tooLarge() };
  if (!request.body) return { ok: false, error: apiError(400, 'The request has no body: send a JSON object.') };
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, error: tooLarge() };
    }
    parts.push(value);
  }
  const text = Buffer.concat(parts).toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: apiError(400, 'The request body is not valid JSON.', { code: 'invalid_json' }) };
  }
}
