import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { serverEnv } from './env';
import { apiError, type ApiErrorResult } from './upstream-errors';

/**
 * Optional access control (PLAYGROUND_ACCESS_TOKEN) and a per-client rate limit for the chat route.
 * The token travels as `Authorization: Bearer <token>` (any OpenAI SDK's apiKey) or as the httpOnly
 * cookie the page gets once from POST /api/v1/access; the cookie holds an HMAC, never the token.
 */
export const ACCESS_COOKIE = 'playground_access';

/** What is read of a request's headers (web `Headers`). */
type HeaderSource = Pick<Headers, 'get'>;

const digest = (value: string) => createHmac('sha256', 'function-calling-playground/access').update(value).digest();

/** Constant-time: both sides are fixed-length digests. */
function matches(candidate: string | undefined, token: string): boolean {
  if (!candidate) return false;
  return timingSafeEqual(digest(candidate), digest(token));
}

export function accessCookieValue(token: string): string {
  return digest(token).toString('base64url');
}

function cookie(headers: HeaderSource, name: string): string | undefined {
  const header = headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Null when the request may proceed, else the 401 to answer. */
export function checkAccess(headers: HeaderSource): ApiErrorResult | null {
  const token = serverEnv().PLAYGROUND_ACCESS_TOKEN;
  if (!token) return null;
  const bearer = /^Bearer (.+)$/i.exec(headers.get('authorization') ?? '')?.[1];
  const fromCookie = cookie(headers, ACCESS_COOKIE);
  const cookieOk = fromCookie !== undefined && matches(fromCookie, accessCookieValue(token));
  if (cookieOk || matches(bearer, token)) return null;
  return apiError(401, 'This playground needs an access token. Enter it on the page, or send it as the Bearer token (the apiKey of an OpenAI SDK).', {
    code: 'access_token_required',
  });
}

export function tokenIsValid(candidate: unknown): boolean {
  const token = serverEnv().PLAYGROUND_ACCESS_TOKEN;
  return typeof candidate === 'string' && token !== undefined && matches(candidate, token);
}

/** Per process; the access route's token guesses and chat calls share it (one module instance). */
const windows = new Map<string, { start: number; count: number }>();

/** Fixed one-minute windows per client (see `clientKey`); the map is pruned so that it cannot grow without bound. */
export function checkRateLimit(client: string, now: number = Date.now()): ApiErrorResult | null {
  const limit = serverEnv().PLAYGROUND_RATE_LIMIT_PER_MINUTE;
  if (limit === 0) return null;
  let window = windows.get(client);
  if (!window || now - window.start >= 60_000) {
    if (windows.size > 10_000) for (const [key, value] of windows) if (now - value.start >= 60_000) windows.delete(key);
    window = { start: now, count: 0 };
    windows.set(client, window);
  }
  window.count += 1;
  if (window.count <= limit) return null;
  const retryAfter = Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000));
  return apiError(429, `Too many requests: this playground allows ${limit} chat requests a minute per client. Wait ${retryAfter} s and retry.`, {
    code: 'rate_limited',
    headers: { 'Retry-After': String(retryAfter) },
  });
}

/**
 * The right-most X-Forwarded-For entry: the one a reverse proxy appended (Next fills the header in with
 * the socket address when it is absent). Entries to its left are whatever the client claimed.
 */
export function clientKey(headers: HeaderSource): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  return forwarded || headers.get('x-real-ip') || 'local';
}
