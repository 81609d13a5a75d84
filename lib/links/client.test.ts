import { describe, expect, it, vi } from 'vitest';
import { toBase64url } from './base64url';
import { createShortLink, deleteShortLink, fetchShortLink, MAX_LINK_ANSWER_CHARS } from './client';

const ID = 'AbCdEfGhIjKlMn-_';
const TOKEN = 'dG9rZW4tdG9rZW4tdG9rZW4tdG9rZW4t';
const CIPHERTEXT = new Uint8Array(Array.from({ length: 40 }, (_, i) => (i * 37) % 256));

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const apiError = (status: number, code: string, message: string, headers: Record<string, string> = {}) => json({ error: { message, type: 'invalid_request_error', code } }, status, headers);

function stub(answer: Response | (() => Promise<Response>)) {
  return vi.fn<typeof fetch>(async () => (typeof answer === 'function' ? answer() : answer));
}

describe('createShortLink', () => {
  it('posts the ciphertext as base64url with the expiry, same-origin, and reads the created link', async () => {
    const created = { id: ID, delete_token: TOKEN, expires_at: '2027-01-01T00:00:00.000Z', bytes: 40 };
    const fetcher = stub(json(created, 201));
    expect(await createShortLink(CIPHERTEXT, 30, fetcher)).toEqual({ ok: true, value: created });
    const [url, init] = fetcher.mock.calls[0];
    expect(url).toBe('/api/v1/links');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(JSON.parse(String(init?.body))).toEqual({ ciphertext: toBase64url(CIPHERTEXT), expires_in_days: 30 });
  });

  it('sends null for a link kept until deleted', async () => {
    const fetcher = stub(json({ id: ID, delete_token: TOKEN, expires_at: null, bytes: 40 }, 201));
    await createShortLink(CIPHERTEXT, null, fetcher);
    expect(JSON.parse(String(fetcher.mock.calls[0][1]?.body)).expires_in_days).toBeNull();
  });

  it('a created link in another shape is an error, not a crash', async () => {
    const answer = await createShortLink(CIPHERTEXT, 7, stub(json({ id: 'x', delete_token: TOKEN })));
    expect(answer).toMatchObject({ ok: false, reason: 'bad_response', message: expect.stringMatching(/new short link in a shape this page does not read/) });
    expect(await createShortLink(CIPHERTEXT, 7, stub(new Response('<html>', { status: 201 })))).toMatchObject({ ok: false, reason: 'bad_response' });
  });

  it.each([
    [apiError(413, 'link_too_large', 'This scenario is too large for a short link: encrypted it is 3 MiB. Use "Export .json".'), 'too_large', /Export \.json/],
    [apiError(429, 'rate_limited', 'Too many requests: wait 12 s and retry.', { 'retry-after': '12' }), 'rate_limited', /wait 12 s/],
    [apiError(401, 'access_token_required', 'This playground needs an access token.'), 'access_token_required', /access token/],
    [apiError(503, 'storage_unavailable', 'The short-link storage of this playground is not reachable right now.', { 'retry-after': '30' }), 'unavailable', /not reachable/],
    [apiError(400, 'invalid_expiry', 'This server keeps short links for at most 30 days: choose 30 or fewer.'), 'refused', /at most 30 days/],
  ] as const)('an error answer maps to its reason with the server’s message (%#)', async (answer, reason, message) => {
    const failure = await createShortLink(CIPHERTEXT, 365, stub(answer));
    expect(failure).toMatchObject({ ok: false, reason, message: expect.stringMatching(message) });
  });

  it('keeps Retry-After in seconds, and says it when the server sent no message', async () => {
    const failure = await createShortLink(CIPHERTEXT, 1, stub(new Response('Too Many Requests', { status: 429, headers: { 'retry-after': '42' } })));
    expect(failure).toEqual({ ok: false, reason: 'rate_limited', retryAfterSeconds: 42, message: 'Too many short links were asked for from here just now. Wait 42 s, then try again.' });
  });

  it('a proxy error page without JSON still says which (by status)', async () => {
    expect(await createShortLink(CIPHERTEXT, 1, stub(new Response('<h1>Bad gateway</h1>', { status: 502 })))).toMatchObject({
      ok: false,
      reason: 'unavailable',
      message: expect.stringMatching(/could not handle short links just now \(502\)/),
    });
  });

  it('an unreachable server is a network failure, in words', async () => {
    const failure = await createShortLink(CIPHERTEXT, 1, vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect(failure).toEqual({ ok: false, reason: 'network', message: "The playground's server could not be reached (Failed to fetch). Check the connection, then try again." });
  });
});

describe('fetchShortLink', () => {
  const stored = { id: ID, ciphertext: toBase64url(CIPHERTEXT), created_at: '2026-12-02T10:00:00.000Z', expires_at: null };

  it('reads the ciphertext back as bytes, same-origin', async () => {
    const fetcher = stub(json(stored));
    expect(await fetchShortLink(ID, fetcher)).toEqual({ ok: true, value: { ciphertext: CIPHERTEXT, createdAt: stored.created_at, expiresAt: null } });
    expect(fetcher.mock.calls[0][0]).toBe(`/api/v1/links/${ID}`);
    expect(fetcher.mock.calls[0][1]).toMatchObject({ credentials: 'same-origin' });
  });

  it.each([
    [apiError(404, 'link_not_found', 'This short link does not exist: it was never made here, its creator deleted it.'), 'not_found', /^This short link does not exist/],
    [apiError(410, 'link_expired', 'This short link has expired: its creator gave it a limited life.'), 'expired', /^This short link has expired/],
    [apiError(401, 'access_token_required', 'This playground needs an access token.'), 'access_token_required', /access token/],
    [apiError(503, 'storage_unavailable', 'The short-link storage is not reachable right now.'), 'unavailable', /not reachable/],
    [new Response(null, { status: 404 }), 'not_found', /^This short link does not exist/],
    [new Response(null, { status: 410 }), 'expired', /^This short link has expired/],
  ] as const)('an error answer maps to its reason (%#)', async (answer, reason, message) => {
    expect(await fetchShortLink(ID, stub(answer))).toMatchObject({ ok: false, reason, message: expect.stringMatching(message) });
  });

  it('an answer in another shape, or a ciphertext that is not base64url, is an error', async () => {
    expect(await fetchShortLink(ID, stub(json({ id: ID })))).toMatchObject({ ok: false, reason: 'bad_response' });
    expect(await fetchShortLink(ID, stub(json({ ...stored, ciphertext: 'AB=' })))).toMatchObject({ ok: false, reason: 'bad_response' });
    // Spare bits set: not canonical base64url.
    expect(await fetchShortLink(ID, stub(json({ ...stored, ciphertext: 'AB' })))).toMatchObject({ ok: false, reason: 'bad_response' });
  });

  it('a body declared larger than the cap is not downloaded', async () => {
    const body = new ReadableStream<Uint8Array>({ pull: () => {} });
    const cancel = vi.spyOn(body, 'cancel');
    const answer = new Response(body, { headers: { 'content-length': String(MAX_LINK_ANSWER_CHARS + 1) } });
    expect(await fetchShortLink(ID, stub(answer))).toMatchObject({ ok: false, reason: 'too_large', message: expect.stringMatching(/larger than this page reads \(3 MiB\)/) });
    expect(cancel).toHaveBeenCalled();
  });

  it('a body without a length stops being read once past the cap', async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(`{"id":"${ID}","ciphertext":"${'A'.repeat(65_536)}`);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    expect(await fetchShortLink(ID, stub(new Response(body)))).toMatchObject({ ok: false, reason: 'too_large' });
    expect(sent).toBeLessThan(MAX_LINK_ANSWER_CHARS + 4 * chunk.length);
  });
});

describe('deleteShortLink', () => {
  it('sends the token only in x-delete-token, and 204 is done', async () => {
    const fetcher = stub(new Response(null, { status: 204 }));
    expect(await deleteShortLink(ID, TOKEN, fetcher)).toEqual({ ok: true, value: null });
    const [url, init] = fetcher.mock.calls[0];
    expect(url).toBe(`/api/v1/links/${ID}`);
    expect(String(url)).not.toContain(TOKEN);
    expect(init).toMatchObject({ method: 'DELETE', credentials: 'same-origin', headers: { 'x-delete-token': TOKEN } });
    expect(init?.body).toBeUndefined();
  });

  it.each([
    [apiError(403, 'link_delete_refused', 'That delete token is not the one this short link was made with, so the link was kept.'), 'delete_refused'],
    [apiError(404, 'link_not_found', 'This short link does not exist.'), 'not_found'],
    [new Response(null, { status: 403 }), 'refused'],
  ] as const)('a refusal maps to its reason (%#)', async (answer, reason) => {
    expect(await deleteShortLink(ID, TOKEN, stub(answer))).toMatchObject({ ok: false, reason });
  });
});
