import { z } from 'zod';
import { checkRateLimit, checkTokenAttempt, clientKey, sessionCookie } from '@/lib/server/access';
import { serverEnv } from '@/lib/server/env';
import { errorResponse, readJsonBody } from '@/lib/server/http';
import { observed } from '@/lib/server/observe/observed';
import { guardRequest, withTransportSecurity } from '@/lib/server/request-guard';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ token: z.string().min(1).max(1000) });

/**
 * The page sends the access token once; it gets an httpOnly session cookie that later API calls carry
 * (lib/server/access.ts). A wrong token counts towards the client's lockout, and every attempt
 * against the same per-client limit as chat requests.
 */
export const POST = observed('/api/v1/access', async (request: Request): Promise<Response> => {
  const { headers } = request;
  const refused = guardRequest(request, { json: true }) ?? (await checkRateLimit(clientKey(headers)));
  if (refused) return withTransportSecurity(headers, errorResponse(refused));
  const body = await readJsonBody(request, 10_000);
  if (!body.ok) return withTransportSecurity(headers, errorResponse(body.error));
  const token = serverEnv().PLAYGROUND_ACCESS_TOKEN;
  if (!token) return withTransportSecurity(headers, Response.json({ ok: true, required: false }));
  const parsed = bodySchema.safeParse(body.value);
  const denied = await checkTokenAttempt(headers, parsed.success ? parsed.data.token : undefined);
  if (denied) return withTransportSecurity(headers, errorResponse(denied));
  return withTransportSecurity(headers, Response.json({ ok: true, required: true }, { headers: { 'Set-Cookie': await sessionCookie(headers, token) } }));
});
