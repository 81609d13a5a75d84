import 'server-only';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { clientKey, clientOf } from './client-address';
import { serverEnv } from './env';
import { LimitsUnavailableError } from './limits/limit-store';
import { limitStore } from './limits/store';
import { countRateLimitRejection, type RateLimitBudget } from './observe/metrics';
import { apiError, type ApiErrorResult } from './upstream-errors';

/**
 * Optional access control (PLAYGROUND_ACCESS_TOKEN), the lockout of clients that guess it, and the
 * per-client rate limits. The token travels as `Authorization: Bearer <token>` (any OpenAI SDK's
 * apiKey) or, for the page, as the httpOnly session cookie POST /api/v1/access sets:
 *
 *   playground_access=v1.<expiry, Unix seconds>.<base64url HMAC-SHA256(secret, "v1.<expiry>." + token)>
 *
 * The secret is PLAYGROUND_SESSION_SECRET, else the limit store's (lib/server/limits/): with Redis
 * (REDIS_URL) one secret made once and shared by every instance, so sessions survive restarts and any
 * instance accepts them; in memory, random bytes made once per process, so a restart ends every
 * session (the page asks for the token again). The token is in the MAC, so changing it ends the
 * sessions opened with the old one; the expiry is in it, so it cannot be moved on.
 *
 * Counting fails closed: when the store (Redis) cannot be reached, a request that needs it is answered
 * 503 `limits_unavailable` within about a second, never let through uncounted.
 */
export { clientKey };

export const ACCESS_COOKIE = 'playground_access';
/** How long a session lasts (what the page tells the person: 30 days). */
export const SESSION_SECONDS = 30 * 24 * 3600;

/** What is read of a request's headers (web `Headers`). */
type HeaderSource = Pick<Headers, 'get'>;

async function sessionSecret(): Promise<string | Buffer> {
  return serverEnv().PLAYGROUND_SESSION_SECRET ?? (await limitStore().sessionSecret());
}

const mac = async (expiry: number, token: string) => createHmac('sha256', await sessionSecret()).update(`v1.${expiry}.${token}`).digest();

export async function sessionCookieValue(token: string, now: number = Date.now()): Promise<string> {
  const expiry = Math.floor(now / 1000) + SESSION_SECONDS;
  return `v1.${expiry}.${(await mac(expiry, token)).toString('base64url')}`;
}

/** The Set-Cookie for a session; Secure when the request came over HTTPS (client-address.ts says how that is judged). */
export async function sessionCookie(headers: HeaderSource, token: string, now: number = Date.now()): Promise<string> {
  const secure = clientOf(headers).https ? '; Secure' : '';
  return `${ACCESS_COOKIE}=${await sessionCookieValue(token, now)}; Path=/api; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}${secure}`;
}

async function validSession(value: string | undefined, token: string, now: number): Promise<boolean> {
  const parts = value === undefined ? null : /^v1\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!parts) return false;
  const expiry = Number(parts[1]);
  const given = Buffer.from(parts[2], 'base64url');
  return given.length === 32 && timingSafeEqual(given, await mac(expiry, token)) && expiry * 1000 > now;
}

/** Constant-time: both sides are hashed to the same length first. */
function sameToken(candidate: string, token: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(candidate), digest(token));
}

function cookie(headers: HeaderSource, name: string): string | undefined {
  const header = headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Runs a check against the limit store; the 503 when the store cannot be reached (fail closed). */
async function counted(check: () => Promise<ApiErrorResult | null>): Promise<ApiErrorResult | null> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof LimitsUnavailableError)) throw error;
    return apiError(503, 'The rate-limit store (Redis) cannot be reached, so this request cannot be counted and is refused; try again shortly.', {
      code: 'limits_unavailable',
      headers: { 'Retry-After': '1' },
    });
  }
}

function lockoutPolicy() {
  const env = serverEnv();
  return { maxFailures: env.PLAYGROUND_ACCESS_MAX_FAILURES, lockoutMs: env.PLAYGROUND_ACCESS_LOCKOUT_SECONDS * 1000 };
}

function lockedOut(seconds: number): ApiErrorResult {
  countRateLimitRejection('lockout');
  return apiError(
    429,
    `Too many wrong access tokens came from this client, so it is locked out for another ${seconds} s; until then even the right token is refused. Wait ${seconds} s, then try again.`,
    { code: 'access_locked_out', headers: { 'Retry-After': String(seconds) } },
  );
}

/**
 * Checks one token a client offers (a Bearer token, or the body of POST /api/v1/access), counting a
 * wrong one against the client before answering: null when it is right, else the 401. (Once locked
 * out, a client meets the lockout's 429 before its token is looked at.)
 */
async function judgeToken(key: string, candidate: string, token: string, wrong: () => ApiErrorResult, now: number): Promise<ApiErrorResult | null> {
  if (sameToken(candidate, token)) {
    await limitStore().clearFailures(key);
    return null;
  }
  await limitStore().recordFailure(key, lockoutPolicy(), now);
  return wrong();
}

/**
 * Null when the request may proceed, else what to answer: 429 while the client is locked out, 401
 * without a valid session cookie or the right Bearer token, 503 when the limit store cannot be
 * reached. Only a wrong Bearer token counts as a guess: no token is the page before the person typed
 * it, and a stale cookie (one from before a restart, or another secret) is the page after; a cookie's
 * MAC cannot be guessed anyway.
 */
export async function checkAccess(headers: HeaderSource, now: number = Date.now()): Promise<ApiErrorResult | null> {
  const token = serverEnv().PLAYGROUND_ACCESS_TOKEN;
  if (!token) return null;
  return counted(async () => {
    const key = clientKey(headers);
    const left = await limitStore().lockoutLeft(key, now);
    if (left) return lockedOut(left);
    const required = () =>
      apiError(
        401,
        'This playground needs an access token. Enter it on the page, or send it as the Bearer token (the apiKey of an OpenAI SDK). A session older than 30 days, or from before the server restarted (when it keeps sessions in its own memory), no longer counts.',
        { code: 'access_token_required' },
      );
    if (await validSession(cookie(headers, ACCESS_COOKIE), token, now)) return null;
    const bearer = /^Bearer (.+)$/i.exec(headers.get('authorization') ?? '')?.[1];
    if (bearer === undefined) return required();
    return judgeToken(key, bearer, token, required, now);
  });
}

/**
 * POST /api/v1/access: the token the person typed. Null when it is right (set the cookie), else the
 * 401, the lockout's 429 or the 503 of an unreachable store; a wrong one counts like a wrong Bearer
 * token.
 */
export async function checkTokenAttempt(headers: HeaderSource, candidate: string | undefined, now: number = Date.now()): Promise<ApiErrorResult | null> {
  const token = serverEnv().PLAYGROUND_ACCESS_TOKEN;
  if (!token) return null;
  return counted(async () => {
    const key = clientKey(headers);
    const left = await limitStore().lockoutLeft(key, now);
    if (left) return lockedOut(left);
    const invalid = () =>
      apiError(401, 'That access token is not the one this playground was configured with. Check it and try again.', { code: 'access_token_invalid', param: 'token' });
    if (candidate === undefined) return invalid();
    const judged = await judgeToken(key, candidate, token, invalid, now);
    // The route signs the cookie next: read the secret here, where an unreachable store is a 503.
    if (!judged) await sessionSecret();
    return judged;
  });
}

/** Counts one request against `key`'s one-minute window of `limit`; the 429 (with Retry-After) once over it. */
async function countAgainst(budget: RateLimitBudget, key: string, limit: number, now: number, refusal: (retryAfter: number) => string): Promise<ApiErrorResult | null> {
  return counted(async () => {
    const retryAfter = await limitStore().countRequest(key, limit, now);
    if (!retryAfter) return null;
    countRateLimitRejection(budget);
    return apiError(429, refusal(retryAfter), { code: 'rate_limited', headers: { 'Retry-After': String(retryAfter) } });
  });
}

/**
 * Fixed one-minute windows per client (see `clientKey`), in the limit store (lib/server/limits/).
 * One budget for chat requests, refreshes of the provider's model list (both spend the key) and
 * access-token attempts.
 */
export async function checkRateLimit(client: string, now: number = Date.now()): Promise<ApiErrorResult | null> {
  const limit = serverEnv().PLAYGROUND_RATE_LIMIT_PER_MINUTE;
  if (limit === 0) return null;
  return countAgainst(
    'requests',
    client,
    limit,
    now,
    (retryAfter) =>
      `Too many requests: this playground allows ${limit} requests a minute per client (chat requests, model-list refreshes and access-token attempts together). Wait ${retryAfter} s and retry.`,
  );
}

/**
 * Short-link creation's own budget (PLAYGROUND_LINKS_PER_MINUTE per client, one-minute windows),
 * apart from the chat requests': a person sharing does not use up their chat, nor the reverse.
 */
export async function checkLinkCreationLimit(client: string, now: number = Date.now()): Promise<ApiErrorResult | null> {
  const limit = serverEnv().PLAYGROUND_LINKS_PER_MINUTE;
  return countAgainst(
    'links',
    `links:${client}`,
    limit,
    now,
    (retryAfter) => `Too many short links: this playground lets one client create ${limit} short link${limit === 1 ? '' : 's'} a minute. Wait ${retryAfter} s and share again.`,
  );
}
