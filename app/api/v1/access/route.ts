import { z } from 'zod';
import { ACCESS_COOKIE, accessCookieValue, checkRateLimit, clientKey, tokenIsValid } from '@/lib/server/access';
import { serverEnv } from '@/lib/server/env';
import { errorResponse, readJsonBody } from '@/lib/server/http';
import { apiError } from '@/lib/server/upstream-errors';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ token: z.string().min(1).max(1000) });

/** The page sends the access token once; it gets an httpOnly cookie that later API calls carry. */
export async function POST(request: Request): Promise<Response> {
  // Guesses count against the same per-client limit as chat requests.
  const limited = checkRateLimit(clientKey(request.headers));
  if (limited) return errorResponse(limited);
  const body = await readJsonBody(request, 10_000);
  if (!body.ok) return errorResponse(body.error);
  const parsed = bodySchema.safeParse(body.value);
  const token = serverEnv().PLAYGROUND_ACCESS_TOKEN;
  if (!token) return Response.json({ ok: true, required: false });
  if (!parsed.success || !tokenIsValid(parsed.data.token)) {
    return errorResponse(apiError(401, 'That access token is not the one this playground was configured with. Check it and try again.', { code: 'access_token_invalid', param: 'token' }));
  }
  const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
  return Response.json(
    { ok: true, required: true },
    { headers: { 'Set-Cookie': `${ACCESS_COOKIE}=${accessCookieValue(token)}; Path=/api; HttpOnly; SameSite=Strict; Max-Age=2592000${secure}` } },
  );
}
