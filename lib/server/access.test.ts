import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkAccess, checkLinkCreationLimit, checkRateLimit, checkTokenAttempt, SESSION_SECONDS, sessionCookie, sessionCookieValue } from './access';
import { resetServerEnvForTests } from './env';
import { resetLimitStoreForTests } from './limits/store';
import { countRateLimitRejection } from './observe/metrics';

vi.mock('./observe/metrics', () => ({ countRateLimitRejection: vi.fn() }));

const TOKEN = 'unit-token';

function configure(env: Record<string, string>) {
  for (const name of ['PLAYGROUND_ACCESS_TOKEN', 'PLAYGROUND_SESSION_SECRET', 'PLAYGROUND_ACCESS_MAX_FAILURES', 'PLAYGROUND_ACCESS_LOCKOUT_SECONDS', 'PLAYGROUND_TRUST_PROXY', 'PLAYGROUND_RATE_LIMIT_PER_MINUTE', 'PLAYGROUND_LINKS_PER_MINUTE']) delete process.env[name];
  Object.assign(process.env, env);
  resetServerEnvForTests();
}

beforeEach(() => {
  configure({ PLAYGROUND_ACCESS_TOKEN: TOKEN, PLAYGROUND_ACCESS_MAX_FAILURES: '3', PLAYGROUND_ACCESS_LOCKOUT_SECONDS: '60' });
  resetLimitStoreForTests();
  vi.mocked(countRateLimitRejection).mockClear();
});
afterEach(() => configure({}));

const withCookie = (value: string) => new Headers({ cookie: `other=1; playground_access=${value}` });
const withBearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

describe('the session cookie (finding 11)', () => {
  it('opens the API until it expires, 30 days on', async () => {
    const value = await sessionCookieValue(TOKEN, 0);
    expect(await checkAccess(withCookie(value), 1_000)).toBeNull();
    expect(await checkAccess(withCookie(value), SESSION_SECONDS * 1000 - 1)).toBeNull();
    expect((await checkAccess(withCookie(value), SESSION_SECONDS * 1000))?.status).toBe(401);
  });

  it('is signed with PLAYGROUND_SESSION_SECRET when set, and for one token', async () => {
    configure({ PLAYGROUND_ACCESS_TOKEN: TOKEN, PLAYGROUND_SESSION_SECRET: 's'.repeat(32) });
    const value = await sessionCookieValue(TOKEN, 0);
    configure({ PLAYGROUND_ACCESS_TOKEN: TOKEN, PLAYGROUND_SESSION_SECRET: 't'.repeat(32) });
    expect((await checkAccess(withCookie(value), 1_000))?.status).toBe(401);
    configure({ PLAYGROUND_ACCESS_TOKEN: 'a-new-token', PLAYGROUND_SESSION_SECRET: 's'.repeat(32) });
    expect((await checkAccess(withCookie(value), 1_000))?.status).toBe(401);
  });

  it('refuses tampered and malformed values without counting them as guesses', async () => {
    const value = await sessionCookieValue(TOKEN, 0);
    // The signature's first character, not its last: a base64url text's last character also holds
    // padding bits, so changing it could leave the decoded signature as it was.
    const at = value.lastIndexOf('.') + 1;
    const tampered = value.slice(0, at) + (value[at] === 'A' ? 'B' : 'A') + value.slice(at + 1);
    for (const bad of [tampered, value.replace(/^v1\.\d+/, 'v1.99999999999'), 'v1..', '', 'x'.repeat(5000)]) {
      expect((await checkAccess(withCookie(bad), 1_000))?.body.error.code).toBe('access_token_required');
    }
    expect(await checkAccess(withBearer(TOKEN), 1_000)).toBeNull();
  });

  it('is signed, without PLAYGROUND_SESSION_SECRET, with the limit store\'s secret: in memory, a new process (store) ends every session', async () => {
    const value = await sessionCookieValue(TOKEN, 0);
    expect(await checkAccess(withCookie(value), 1_000)).toBeNull();
    resetLimitStoreForTests();
    expect((await checkAccess(withCookie(value), 1_000))?.status).toBe(401);
  });

  it('says Secure only when the request is HTTPS as the trusted proxy setting judges it', async () => {
    expect(await sessionCookie(new Headers({ 'x-forwarded-proto': 'https' }), TOKEN)).not.toMatch(/Secure/);
    configure({ PLAYGROUND_ACCESS_TOKEN: TOKEN, PLAYGROUND_TRUST_PROXY: '1' });
    expect(await sessionCookie(new Headers({ 'x-forwarded-proto': 'https' }), TOKEN)).toMatch(/; HttpOnly; SameSite=Strict; Max-Age=2592000; Secure$/);
  });
});

describe('the lockout of a client that guesses (finding 3)', () => {
  it('counts wrong Bearer tokens and wrong tokens typed on the page, then refuses even the right one', async () => {
    expect((await checkAccess(withBearer('a'), 0))?.status).toBe(401);
    expect((await checkTokenAttempt(new Headers(), 'b', 1))?.status).toBe(401);
    expect((await checkAccess(withBearer('c'), 2))?.status).toBe(401);
    const locked = await checkAccess(withBearer(TOKEN), 3);
    expect(locked?.status).toBe(429);
    expect(locked?.headers).toEqual({ 'Retry-After': '60' });
    expect(vi.mocked(countRateLimitRejection).mock.calls).toEqual([['lockout']]);
    expect((await checkTokenAttempt(new Headers(), TOKEN, 4))?.body.error.code).toBe('access_locked_out');
    expect((await checkAccess(withCookie(await sessionCookieValue(TOKEN, 0)), 5))?.status).toBe(429);
    expect(await checkAccess(withBearer(TOKEN), 60_002)).toBeNull();
  });

  it('does not count a request with no token', async () => {
    for (let i = 0; i < 10; i++) expect((await checkAccess(new Headers(), i))?.status).toBe(401);
    expect(await checkAccess(withBearer(TOKEN), 10)).toBeNull();
  });

  it('is off, like the token check, when no token is configured', async () => {
    configure({});
    for (let i = 0; i < 10; i++) expect(await checkAccess(withBearer('wrong'), i)).toBeNull();
  });
});

describe('the rate limits: one budget for requests, one for short links', () => {
  beforeEach(() => configure({ PLAYGROUND_RATE_LIMIT_PER_MINUTE: '2', PLAYGROUND_LINKS_PER_MINUTE: '1' }));

  it('refuses the request over the limit with 429 rate_limited and the seconds to wait, and counts the refusal', async () => {
    expect([await checkRateLimit('10.0.0.1', 0), await checkRateLimit('10.0.0.1', 1)]).toEqual([null, null]);
    const refused = await checkRateLimit('10.0.0.1', 20_000);
    expect(refused).toMatchObject({ status: 429, headers: { 'Retry-After': '40' }, body: { error: { code: 'rate_limited' } } });
    expect(refused?.body.error.message).toBe(
      'Too many requests: this playground allows 2 requests a minute per client (chat requests, model-list refreshes and access-token attempts together). Wait 40 s and retry.',
    );
    expect(await checkRateLimit('10.0.0.1', 60_000)).toBeNull();
    expect(vi.mocked(countRateLimitRejection).mock.calls).toEqual([['requests']]);
  });

  it('counts short links apart from requests, per client, with a message naming the short-link limit', async () => {
    expect(await checkLinkCreationLimit('10.0.0.1', 0)).toBeNull();
    const refused = await checkLinkCreationLimit('10.0.0.1', 30_500);
    expect(refused).toMatchObject({ status: 429, headers: { 'Retry-After': '30' }, body: { error: { code: 'rate_limited' } } });
    expect(refused?.body.error.message).toBe('Too many short links: this playground lets one client create 1 short link a minute. Wait 30 s and share again.');
    expect([await checkLinkCreationLimit('10.0.0.2', 1), await checkRateLimit('10.0.0.1', 2), await checkRateLimit('10.0.0.1', 3)]).toEqual([null, null, null]);
    expect(vi.mocked(countRateLimitRejection).mock.calls).toEqual([['links']]);
  });

  it('is off for requests at PLAYGROUND_RATE_LIMIT_PER_MINUTE=0', async () => {
    configure({ PLAYGROUND_RATE_LIMIT_PER_MINUTE: '0' });
    for (let i = 0; i < 200; i++) expect(await checkRateLimit('10.0.0.1', i)).toBeNull();
  });
});
