/**
 * Security, round two — finding 3: access-token guessing is limited. With PLAYGROUND_ACCESS_TOKEN set,
 * every endpoint counts a client's wrong tokens before answering and, after a few, locks that client
 * out (429 with Retry-After), the right token included, until the lockout ends. Each client here is
 * its own loopback source address (see support/raw.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { JSON_TYPE, many, raw, SIMPLE_CHAT, statuses, type RawResponse } from './support/raw';

const TOKEN = 'the-right-token-9d2e';
const MAX_FAILURES = 5;
// Long enough that a burst of 300 requests on a busy machine ends inside one lockout (a 3 s lockout
// ran out mid-burst under load and let five more guesses through), short enough to wait out once.
const LOCKOUT_SECONDS = 10;
let app: RunningApp;

beforeAll(async () => {
  app = await startApp({
    PLAYGROUND_ACCESS_TOKEN: TOKEN,
    PLAYGROUND_ACCESS_MAX_FAILURES: String(MAX_FAILURES),
    PLAYGROUND_ACCESS_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS),
    SIMULATOR_CHUNK_DELAY_MS: '0',
  });
});
afterAll(async () => {
  await app?.stop();
});

const chat = (from: string, token: string) =>
  raw(`${app.url}/api/v1/chat/completions`, { method: 'POST', from, headers: { ...JSON_TYPE, authorization: `Bearer ${token}` }, body: SIMPLE_CHAT });
const models = (from: string, token: string) => raw(`${app.url}/api/v1/models`, { from, headers: { authorization: `Bearer ${token}` } });
const unlock = (from: string, token: string) =>
  raw(`${app.url}/api/v1/access`, { method: 'POST', from, headers: JSON_TYPE, body: JSON.stringify({ token }) });

function expectLockedOut(response: RawResponse) {
  expect(response.status).toBe(429);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(LOCKOUT_SECONDS);
  const { error } = JSON.parse(response.text);
  expect(error).toMatchObject({ type: 'rate_limit_error', code: 'access_locked_out' });
  expect(error.message).toMatch(/even the right token/i);
}

describe('finding 3: access-token guessing is limited', () => {
  it('locks a client out after a few wrong Bearer tokens on /api/v1/chat/completions, with Retry-After', async () => {
    const answers = await many(300, 20, (i) => chat('127.0.0.2', `guess-${i}`));
    expect(statuses(answers)).toEqual({ 401: MAX_FAILURES, 429: 300 - MAX_FAILURES });
    expectLockedOut(answers.at(-1)!);
  });

  it('locks a client out after a few wrong Bearer tokens on /api/v1/models', async () => {
    const answers = await many(300, 20, (i) => models('127.0.0.3', `guess-${i}`));
    expect(statuses(answers)).toEqual({ 401: MAX_FAILURES, 429: 300 - MAX_FAILURES });
    expectLockedOut(answers.at(-1)!);
  });

  it('counts wrong tokens sent to /api/v1/access, and those of other routes, in the same tally', async () => {
    const from = '127.0.0.4';
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect((await unlock(from, `guess-${i}`)).status).toBe(401);
    expect((await models(from, 'one-more')).status).toBe(401);
    expectLockedOut(await unlock(from, 'and-another'));
  });

  it('refuses the right token from a locked-out client until the lockout ends, and no other client', async () => {
    const from = '127.0.0.5';
    await many(MAX_FAILURES, 1, (i) => chat(from, `guess-${i}`));
    expectLockedOut(await chat(from, TOKEN));
    expectLockedOut(await unlock(from, TOKEN));
    expect((await chat('127.0.0.6', TOKEN)).status).toBe(200);
    const retryAfter = Number((await models(from, TOKEN)).headers['retry-after']);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 200));
    expect((await chat(from, TOKEN)).status).toBe(200);
    expect((await unlock(from, TOKEN)).status).toBe(200);
  });

  it('does not count a request that sends no token (the page before the person types it)', async () => {
    const from = '127.0.0.7';
    const answers = await many(3 * MAX_FAILURES, 5, () => raw(`${app.url}/api/v1/models`, { from }));
    expect(statuses(answers)).toEqual({ 401: 3 * MAX_FAILURES });
    expect((await models(from, TOKEN)).status).toBe(200);
  });
});
