/**
 * GET /api/v1/models/provider against the production build: the provider's own list through the
 * server, read as untrusted input, behind the same guards as every API route (Host, cross-site,
 * access token, rate limit), and with no key, a clear refusal that asks nothing of the provider.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestUpstream } from '../e2e/upstream/server.mjs';
import type { TestUpstream } from '../e2e/upstream/types';
import { SENTINEL_KEY } from './sentinel.mjs';
import { startApp, type RunningApp } from './support/app';
import { raw, type RawResponse } from './support/raw';

const TOKEN = 'models-token-5e2a';
const RATE = 6;
let upstream: TestUpstream;
let app: RunningApp;
let noKey: RunningApp;
/** Every answer's headers and body, to look for the key in. */
const seen: string[] = [];
/** Each test its own client (127.0.0.x), so the rate limit counts one test's requests only. */
let client = 1;

beforeAll(async () => {
  upstream = await startTestUpstream();
  [app, noKey] = await Promise.all([
    startApp({ AIML_API_KEY: SENTINEL_KEY, AIML_API_BASE_URL: upstream.url, AIML_API_TIMEOUT_MS: '3000', PLAYGROUND_ACCESS_TOKEN: TOKEN, PLAYGROUND_RATE_LIMIT_PER_MINUTE: String(RATE) }),
    startApp({ AIML_API_BASE_URL: upstream.url }),
  ]);
});
afterAll(async () => {
  await Promise.all([app?.stop(), noKey?.stop()]);
  await upstream?.close();
});
beforeEach(() => {
  upstream.reset();
  client += 1;
});

async function models(headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }, target = app): Promise<RawResponse> {
  const response = await raw(`${target.url}/api/v1/models/provider`, { headers, from: `127.0.0.${client}` });
  seen.push(JSON.stringify(response.headers), response.text);
  return response;
}
const json = (response: RawResponse) => JSON.parse(response.text);

describe('GET /api/v1/models/provider', () => {
  it("answers the provider's ids, asked with the server's key", async () => {
    const response = await models();
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = json(response);
    expect(body.object).toBe('list');
    expect(body.data.map((m: { id: string }) => m.id)).toEqual(['gpt-4o', 'gpt-4o-mini', 'gpt-4-turbo', 'gpt-3.5-turbo', 'mistralai/Mixtral-8x7B-Instruct-v0.1', 'o3-mini']);
    expect(body.left_out).toBe(0);
    const [request] = upstream.requests();
    expect([request.method, request.path, request.headers.authorization]).toEqual(['GET', '/v1/models', `Bearer ${SENTINEL_KEY}`]);
  });

  it('keeps valid ids only, and never the key, however the provider echoes it', async () => {
    upstream.scriptModels([
      {
        kind: 'completion',
        reflectAuth: true,
        headers: { 'x-echo': '{{authorization}}' },
        body: { data: [{ id: 'fine-1', owned_by: '{{authorization}}' }, { id: '{{authorization}}' }, { id: 'a b' }, { id: 'x'.repeat(200) }, 7] },
      },
    ]);
    const body = json(await models());
    expect(body.data).toEqual([{ id: 'fine-1', object: 'model', owned_by: '[redacted]' }]);
    expect(body.left_out).toBe(4);
  });

  it("maps the provider's errors as chat's are: its status and words, with what to do", async () => {
    upstream.scriptModels([
      { kind: 'error', status: 401, body: { message: `Bad key ${SENTINEL_KEY}`, statusCode: 401 } },
      { kind: 'error', status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', contentType: 'text/html' },
      { kind: 'error', status: 429, body: { error: { message: 'Slow down' } }, headers: { 'retry-after': '9' } },
    ]);
    const rejected = await models();
    expect(rejected.status).toBe(401);
    expect(json(rejected).error.message).toMatch(/rejected the server's API key \(401\): Bad key \[redacted\]\. Check AIML_API_KEY/);
    const html = await models();
    expect([html.status, json(html).error.code]).toEqual([502, 'upstream_html']);
    const limited = await models();
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '9']);
  });

  it('says why when the answer is not a model list, too large or too slow', async () => {
    upstream.scriptModels([
      { kind: 'completion', raw: 'not json at all' },
      { kind: 'completion', body: { data: 'none' } },
      { kind: 'flood', contentType: 'application/json', prefix: '{"data":["', fill: 'x'.repeat(1024), bytes: 20 * 1024 * 1024, suffix: '"]}' },
      { kind: 'hang' },
    ]);
    for (const [status, code] of [[502, 'upstream_malformed'], [502, 'upstream_malformed'], [502, 'upstream_too_large'], [504, 'upstream_timeout']] as const) {
      const response = await models();
      expect([response.status, json(response).error.code]).toEqual([status, code]);
    }
  });

  it('needs the access token, as every API route does', async () => {
    const none = await models({});
    expect([none.status, json(none).error.code]).toEqual([401, 'access_token_required']);
    const wrong = await models({ authorization: 'Bearer guess' });
    expect(wrong.status).toBe(401);
    expect(upstream.requests()).toHaveLength(0);
  });

  it('refuses a host name it does not serve and a cross-site request', async () => {
    const host = await models({ authorization: `Bearer ${TOKEN}`, host: 'rebound.example' });
    expect(host.status).toBe(403);
    // A GET, but one that spends the key: refused from another site's page as a POST is.
    const cross = await models({ authorization: `Bearer ${TOKEN}`, 'sec-fetch-site': 'cross-site' });
    expect([cross.status, json(cross).error.code]).toEqual([403, 'cross_site_request']);
    const foreign = await models({ authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await models({ authorization: `Bearer ${TOKEN}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect(upstream.requests()).toHaveLength(1);
    upstream.reset();
    expect(upstream.requests()).toHaveLength(0);
  });

  it(`counts against the rate limit (${RATE} a minute per client) before asking the provider`, async () => {
    for (let i = 0; i < RATE; i++) expect((await models()).status).toBe(200);
    const limited = await models();
    expect([limited.status, json(limited).error.code]).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(upstream.requests()).toHaveLength(RATE);
  });

  it('without a key, says one is needed and asks nothing of the provider', async () => {
    const response = await models({}, noKey);
    expect([response.status, json(response).error.code]).toEqual([401, 'no_api_key']);
    expect(json(response).error.message).toMatch(/Set AIML_API_KEY/);
    expect(upstream.requests()).toHaveLength(0);
    const catalogue = json(await raw(`${noKey.url}/api/v1/models`));
    expect(catalogue.key_configured).toBe(false);
  });

  it('never sent the key in any answer', () => {
    expect(seen.length).toBeGreaterThan(10);
    for (const text of seen) expect(text).not.toContain(SENTINEL_KEY);
  });
});
