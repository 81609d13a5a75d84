import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkAccess, checkTokenAttempt, SESSION_SECONDS, sessionCookie, sessionCookieValue } from './access';
import { resetClientLimitsForTests } from './client-limits';
import { resetServerEnvForTests } from './env';

const TOKEN = 'unit-token';

function configure(env: Record<string, string>) {
  for (const name of ['PLAYGROUND_ACCESS_TOKEN', 'PLAYGROUND_SESSION_SECRET', 'PLAYGROUND_ACCESS_MAX_FAILURES', 'PLAYGROUND_ACCESS_LOCKOUT_SECONDS', 'PLAYGROUND_TRUST_PROXY']) delete process.env[name];
  Object.assign(process.env, env);
  resetServerEnvForTests();
}

beforeEach(() => {
  configure({ PLAYGROUND_ACCESS_TOKEN: TOKEN, PLAYGROUND_ACCESS_MAX_FAILURES: '3', PLAYGROUND_ACCESS_LOCKOUT_SECONDS: '60' });
  resetClientLimitsForTests();
});
afterEach(() => configure({}));

const withCookie = (value: string) => new Headers({ cookie: `other=1; playground_access=${value}` });
const withBearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

describe('the session cookie (finding 11)', () => {
  it('opens the API until it expires, 30 days on', () => {
    const value = sessionCookieValue(TOKEN, 0);
    expect(checkAccess(withCookie(value), 1_000)).toBeNull();
    expect(checkAccess(withCookie(value), SESSION_SECONDS * 1000 - 1)).toBeNull();
    expect(checkAccess(withCookie(value), SESSION_SECONDS * 1000)?.status).toBe(401);
  });

  it('is signed with PLAYGROUND_SESSION_SECRET when set, and for one token', () => {
    configure({ PLAYGROUND_ACCESS_TOKEN: TOKEN, PLAYGROUND_SESSION_SECRET: 's'.repeat(32) });
    const value = sessionCookieValue(TOKEN, 0);
    configure({ PLAYGROUND_ACCESS_TOKEN: TOKEN, PLAYGROUND_SESSION_SECRET: 't'.repeat(32) });
    expect(checkAccess(withCookie(value), 1_000)?.status).toBe(401);
    configure({ PLAYGROUND_ACCESS_TOKEN: 'a-new-token', PLAYGROUND_SESSION_SECRET: 's'.repeat(32) });
    expect(checkAccess(withCookie(value), 1_000)?.status).toBe(401);
  });

  it('refuses tampered and malformed values without counting them as guesses', () => {
    const value = sessionCookieValue(TOKEN, 0);
    // The signature's first character, not its last: a base64url text's last character also holds
    // padding bits, so changing it could leave the decoded signature as it was.
    const at = value.lastIndexOf('.') + 1;
    const tampered = value.slice(0, at) + (value[at] === 'A' ? 'B' : 'A') + value.slice(at + 1);
    for (const bad of [tampered, value.replace(/^v1\.\d+/, 'v1.99999999999'), 'v1..', '', 'x'.repeat(5000)]) {
      expect(checkAccess(withCookie(bad), 1_000)?.body.error.code).toBe('access_token_required');
    }
    expect(checkAccess(withBearer(TOKEN), 1_000)).toBeNull();
  });

  it('says Secure only when the request is HTTPS as the trusted proxy setting judges it', () => {
    expect(sessionCookie(new Headers({ 'x-forwarded-proto': 'https' }), TOKEN)).not.toMatch(/Secure/);
    configure({ PLAYGROUND_ACCESS_TOKEN: TOKEN, PLAYGROUND_TRUST_PROXY: '1' });
    expect(sessionCookie(new Headers({ 'x-forwarded-proto': 'https' }), TOKEN)).toMatch(/; HttpOnly; SameSite=Strict; Max-Age=2592000; Secure$/);
  });
});

describe('the lockout of a client that guesses (finding 3)', () => {
  it('counts wrong Bearer tokens and wrong tokens typed on the page, then refuses even the right one', () => {
    expect(checkAccess(withBearer('a'), 0)?.status).toBe(401);
    expect(checkTokenAttempt(new Headers(), 'b', 1)?.status).toBe(401);
    expect(checkAccess(withBearer('c'), 2)?.status).toBe(401);
    const locked = checkAccess(withBearer(TOKEN), 3);
    expect(locked?.status).toBe(429);
    expect(locked?.headers).toEqual({ 'Retry-After': '60' });
    expect(checkTokenAttempt(new Headers(), TOKEN, 4)?.body.error.code).toBe('access_locked_out');
    expect(checkAccess(withCookie(sessionCookieValue(TOKEN, 0)), 5)?.status).toBe(429);
    expect(checkAccess(withBearer(TOKEN), 60_002)).toBeNull();
  });

  it('does not count a request with no token', () => {
    for (let i = 0; i < 10; i++) expect(checkAccess(new Headers(), i)?.status).toBe(401);
    expect(checkAccess(withBearer(TOKEN), 10)).toBeNull();
  });

  it('is off, like the token check, when no token is configured', () => {
    configure({});
    for (let i = 0; i < 10; i++) expect(checkAccess(withBearer('wrong'), i)).toBeNull();
  });
});
