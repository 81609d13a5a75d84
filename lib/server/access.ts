import 'server-only';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { clientKey, clientOf } from './client-address';
import { clearFailures, countRequest, lockoutLeft, recordFailure } from './client-limits';
import { serverEnv } from './env';
import { apiError, type ApiErrorResult } from './upstream-errors';

/**
 * Optional access control (PLAYGROUND_ACCESS_TOKEN), the lockout of clients that guess it, and the
 * per-client rate limit of the chat route. The token travels as `Authorization: Bearer <token>` (any
 * OpenAI SDK's apiKey) or, for the page, as the httpOnly session cookie POST /api/v1/access sets:
 *
 *   playground_access=v1.<expiry, Unix seconds>.<base64url HMAC-SHA256(secret, "v1.<expiry>." + token)>
 *
 * The secret is PLAYGROUND_SESSION_SECRET, else random bytes made once per process: then a restart
 * ends every session (the page asks for the token again). The token is in the MAC, so changing it
 * ends the sessions opened with the old one; the expiry is in it, so it cannot be moved on.
 */
export { clientKey };

export const ACCESS_COOKIE = 'playground_access';
/** How long a session lasts (what the page tells the person: 30 days). */
export const SESSION_SECONDS = 30 * 24 * 3600;

/** What is read of a request's headers (web `Headers`). */
type HeaderSource = Pick<Headers, 'get'>;

const SECRET = Symbol.for('function-calling-playground/session-secret');

function sessionSecret(): string | Buffer {
  const configured = serverEnv().PLAYGROUND_SESSION_SECRET;
  if (configured) return configured;
  // On globalThis: the same for every route bundle of the process, and across dev reloads.
  const global = globalThis as { [SECRET]?: Buffer };
  global[SECRET] ??= randomBytes(32);
  return global[SECRET];
}

const mac = (expiry: number, token: string) => createHmac('sha256', sessionSecret()).update(`v1.${expiry}.${token}`).digest();

export function sessionCookieValue(token: string, now: number = Date.now()): string {
  const expiry = Math.floor(now / 1000) + SESSION_SECONDS;
  return `v1.${expiry}.${mac(expiry, token).toString('base64url')}`;
}

/** The Set-Cookie for a session; Secure when the request came over HTTPS (client-address.ts says how that is judged). */
export function sessionCookie(headers: HeaderSource, token: string, now: number = Date.now()): string {
  const secure = clientOf(headers).https ? '; Secure' : '';
  return `${ACCESS_COOKIE}=${sessionCookieValue(token, now)}; Path=/api; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}${secure}`;
}

function validSession(value: string | undefined, token: string, now: number): boolean {
  const parts = value === undefined ? null : /^v1\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!parts) return false;
  const expiry = Number(parts[1]);
  const given = Buffer.from(parts[2], 'base64url');
  return given.length === 32 && timingSafeEqual(given, mac(expiry, token)) && expiry * 1000 > now;
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

function lockoutPolicy() {
  const env = serverEnv();
  return { maxFailures: env.PLAYGROUND_ACCESS_MAX_FAILURES, lockoutMs: env.PLAYGROUND_ACCESS_LOCKOUT_SECONDS * 1000 };
}

function lockedOut(seconds: number): ApiErrorResult {
  return apiError(
    429,
    `Too many wrong access tokens came from this client, so it is locked out for another ${seconds} s; until then even the right token is refused. Wait ${seconds} s, then try again.`,
    { code: 'access_locked_out', headers: { 'Retry-After': String(seconds) } },
  );
}

/**
 * Checks one token a client offers (a Bearer token, or the body of POST /api/v1/access), counting a
 * wrong one against the client before answering: null when it is right, else the 401, or the 429 of
 * a client that is (or has just become) locked out.
 */
function judgeToken(key: string, candidate: string, token: string, wrong: () => ApiErrorResult, now: number): ApiErrorResult | null {
  if (sameToken(candidate, token)) {
    clearFailures(key);
    return null;
  }
  recordFailure(key, lockoutPolicy(), now);
  return wrong();
}

/**
 * Null when the request may proceed, else what to answer: 429 while the client is locked out, 401
 * without a valid session cookie or the right Bearer token. Only a wrong Bearer token counts as a
 * guess: no token is the page before the person typed it, and a stale cookie (one from before a
 * restart) is the page after; a cookie's MAC cannot be guessed anyway.
 */
export function checkAccess(headers: HeaderSource, now: number = Date.now()): ApiErrorResult | null {
  const token = serverEnv().PLAYGROUND_ACCESS_TOKEN;
  if (!token) return null;
  const key = clientKey(headers);
  const left = lockoutLeft(key, now);
  if (left) return lockedOut(left);
  const required = () =>
    apiError(
      401,
      'This playground needs an access token. Enter it on the page, or send it as the Bearer token (the apiKey of an OpenAI SDK). A session from before the server restarted, or older than 30 days, no longer counts.',
      { code: 'access_token_required' },
    );
  if (validSession(cookie(headers, ACCESS_COOKIE), token, now)) return null;
  const bearer = /^Bearer (.+)$/i.exec(headers.get('authorization') ?? '')?.[1];
  if (bearer === undefined) return required();
  return judgeToken(key, bearer, token, required, now);
}

/**
 * POST /api/v1/access: the token the person typed. Null when it is right (set the cookie), else the
 * 401 or the lockout's 429; a wrong one counts like a wrong Bearer token.
 */
export function checkTokenAttempt(headers: HeaderSource, candidate: string | undefined, now: number = Date.now()): ApiErrorResult | null {
  const token = serverEnv().PLAYGROUND_ACCESS_TOKEN;
  if (!token) return null;
  const key = clientKey(headers);
  const left = lockoutLeft(key, now);
  if (left) return lockedOut(left);
  const invalid = () =>
    apiError(401, 'That access token is not the one this playground was configured with. Check it and try again.', { code: 'access_token_invalid', param: 'token' });
  if (candidate === undefined) return invalid();
  return judgeToken(key, candidate, token, invalid, now);
}

/**
 * Fixed one-minute windows per client (see `clientKey`), in a table of fixed size (client-limits.ts).
 * One budget for chat requests, refreshes of the provider's model list (both spend the key) and
 * access-token attempts.
 */
export function checkRateLimit(client: string, now: number = Date.now()): ApiErrorResult | null {
  const limit = serverEnv().PLAYGROUND_RATE_LIMIT_PER_MINUTE;
  if (limit === 0) return null;
  const retryAfter = countRequest(client, limit, now);
  if (!retryAfter) return null;
  return apiError(429, `Too many requests: this playground allows ${limit} requests a minute per client (chat requests, model-list refreshes and access-token attempts together). Wait ${retryAfter} s and retry.`, {
    code: 'rate_limited',
    headers: { 'Retry-After': String(retryAfter) },
  });
}
