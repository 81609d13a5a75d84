import 'server-only';
import { LIMITS } from '@/lib/wire/chat';
import { boundedText } from '@/lib/util/bounded-text';
import { apiError, type ApiErrorResult } from './upstream-errors';

/** What API routes answer with: web Responses that Next's route handlers send as they are. */
const JSON_HEADERS = { 'Content-Type': 'application/json' };

export function jsonResponse(status: number, json: string, headers: Record<string, string> = {}): Response {
  return new Response(json, { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** A JSON response in the OpenAI error shape, with the error's status and headers (e.g. Retry-After). */
export function errorResponse(error: ApiErrorResult): Response {
  return jsonResponse(error.status, JSON.stringify(error.body), error.headers);
}

/**
 * A request's JSON body, refusing more than `limit` bytes without buffering them: a declared
 * Content-Length over the limit is refused before reading (Node's parser never delivers more than
 * it declares), a chunked body is counted while it is read.
 */
export async function readJsonBody(
  request: Request,
  limit: number = LIMITS.maxBodyBytes,
): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiErrorResult }> {
  const tooLarge = () =>
    apiError(413, `The request body is larger than ${limit} bytes. Send fewer or shorter messages or tools.`, {
      code: 'request_too_large',
    });
  if (Number(request.headers.get('content-length') ?? NaN) > limit) return { ok: false, error: tooLarge() };
  const text = await boundedText(request, limit);
  if (text === null) return { ok: false, error: tooLarge() };
  if (text === '') return { ok: false, error: apiError(400, 'The request has no body: send a JSON object.') };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: apiError(400, 'The request body is not valid JSON.', { code: 'invalid_json' }) };
  }
}

