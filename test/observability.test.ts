/**
 * Run by the numbers, against the production build: every API response carries an x-request-id, the
 * app writes one JSON log line per request (free of the key, the token and what was said), /api/health
 * answers alive, /api/ready tells whether storage and limits answer, /api/metrics exposes Prometheus
 * counters behind the access token (docs/observability.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { raw } from './support/raw';
import { SENTINEL_KEY } from './sentinel.mjs';

const TOKEN = 'observability-access-token-5e1f';
const SAID = 'observability sentinel: what is the weather in Reykjavik today?';
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const base = { AIML_API_KEY: SENTINEL_KEY, AIML_API_BASE_URL: 'http://127.0.0.1:9/v1', SIMULATOR_CHUNK_DELAY_MS: '0' };

let open: RunningApp;
let guarded: RunningApp;
beforeAll(async () => {
  [open, guarded] = await Promise.all([startApp(base), startApp({ ...base, PLAYGROUND_ACCESS_TOKEN: TOKEN })]);
});
afterAll(async () => {
  await Promise.all([open?.stop(), guarded?.stop()]);
});

type Line = Record<string, unknown>;
const requestLines = (app: RunningApp): Line[] =>
  app
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Line)
    .filter((line) => line.msg === 'request');

/** Waits for what the server writes when a response has ended (a stream's end is seen just after its last byte). */
async function eventually<T>(read: () => Promise<T> | T, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const chat = (app: RunningApp, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'offline-simulator', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: SAID }] }),
  });

const scrape = (app: RunningApp, headers: Record<string, string> = {}) => fetch(`${app.url}/api/metrics`, { headers });
const sample = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}".]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

describe('request ids', () => {
  it('echoes a plain id the caller sent, and makes one for none or a malformed one', async () => {
    expect((await fetch(`${open.url}/api/health`, { headers: { 'x-request-id': 'lb-trace:42.a_b-c' } })).headers.get('x-request-id')).toBe('lb-trace:42.a_b-c');
    expect((await fetch(`${open.url}/api/health`)).headers.get('x-request-id')).toMatch(ID);
    expect((await fetch(`${open.url}/api/health`, { headers: { 'x-request-id': 'two words' } })).headers.get('x-request-id')).toMatch(ID);
    expect((await fetch(`${open.url}/api/v1/models`)).headers.get('x-request-id')).toMatch(ID);
  });
});

describe('GET /api/health', () => {
  it('answers 200 {"status":"ok"}, with no token needed even when one is set', async () => {
    for (const app of [open, guarded]) {
      const response = await fetch(`${app.url}/api/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    }
  });

  it('refuses a host it does not serve', async () => {
    expect((await raw(`${open.url}/api/health`, { headers: { host: 'rebound.example' } })).status).toBe(403); // fetch cannot set Host
  });
});

describe('GET /api/ready', () => {
  it('reports each check, its status code 200 exactly when storage and limits are ready', async () => {
    const response = await fetch(`${open.url}/api/ready`);
    const body = await response.json();
    expect(body).toEqual({
      status: expect.stringMatching(/^(ready|not_ready)$/),
      checks: {
        storage: expect.objectContaining({ ok: expect.any(Boolean), kind: 'sqlite', ms: expect.any(Number) }),
        limits: expect.objectContaining({ ok: expect.any(Boolean), kind: 'memory', ms: expect.any(Number) }),
        mcp: { ok: true, servers: [] },
        provider: { key_configured: true },
      },
    });
    const ready = body.checks.storage.ok && body.checks.limits.ok;
    expect([response.status, body.status]).toEqual(ready ? [200, 'ready'] : [503, 'not_ready']);
    expect(JSON.stringify(body)).not.toContain(SENTINEL_KEY);
  });

  it('with a token set: the status alone to a caller without it, the checks to one with it', async () => {
    const anonymous = await fetch(`${guarded.url}/api/ready`);
    const summary = await anonymous.json();
    expect(Object.keys(summary)).toEqual(['status']);
    const allowed = await fetch(`${guarded.url}/api/ready`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(allowed.status).toBe(anonymous.status);
    expect((await allowed.json()).checks.provider).toEqual({ key_configured: true });
  });
});

describe('GET /api/metrics', () => {
  it('counts a chat request to the simulator: requests, model call and tokens', async () => {
    const response = await chat(open, { 'x-request-id': 'obs-chat-1' });
    expect(response.headers.get('x-request-id')).toBe('obs-chat-1');
    const text = await response.text();
    const usage = text.split('\n').filter((line) => line.startsWith('data: {')).map((line) => JSON.parse(line.slice(6))).find((chunk) => chunk.usage)?.usage;
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    const metrics = await eventually(
      async () => (await scrape(open)).text(),
      (body) => body.includes('route="/api/v1/chat/completions",method="POST",status="200"'),
    );
    expect(sample(metrics, 'playground_http_requests_total{route="/api/v1/chat/completions",method="POST",status="200"}')).toBe(1);
    expect(sample(metrics, 'playground_model_tokens_total{model="offline-simulator",kind="prompt"}')).toBe(usage.prompt_tokens);
    expect(sample(metrics, 'playground_model_tokens_total{model="offline-simulator",kind="completion"}')).toBe(usage.completion_tokens);
    expect(sample(metrics, 'playground_model_call_duration_seconds_count{model="offline-simulator"}')).toBe(1);
    expect(sample(metrics, 'playground_http_streams_in_flight{route="/api/v1/chat/completions"}')).toBe(0);
    expect(metrics).toContain('playground_http_request_duration_seconds_bucket{le="0.005",route="/api/health",method="GET"}');
    expect(metrics).toContain('playground_process_resident_memory_bytes');
  });

  it('needs the Bearer token when PLAYGROUND_ACCESS_TOKEN is set', async () => {
    expect((await scrape(guarded)).status).toBe(401);
    const allowed = await scrape(guarded, { authorization: `Bearer ${TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(allowed.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the log', () => {
  it('has one JSON line per request, with its fields and nothing secret or said', async () => {
    const lines = await eventually(
      () => requestLines(open),
      (all) => all.some((line) => line.request_id === 'obs-chat-1'),
    );
    const line = lines.find((each) => each.request_id === 'obs-chat-1');
    expect(line).toMatchObject({ level: 30, method: 'POST', route: '/api/v1/chat/completions', status: 200, model: 'offline-simulator', outcome: 'ok', tokens: { prompt: expect.any(Number), completion: expect.any(Number) } });
    expect(line?.duration_ms).toEqual(expect.any(Number));
    expect(lines.filter((each) => each.request_id === 'obs-chat-1')).toHaveLength(1);
    expect(lines.filter((each) => each.route === '/api/health').length).toBeGreaterThanOrEqual(4);

    await (await chat(guarded, { authorization: `Bearer ${TOKEN}`, cookie: `playground_access=${TOKEN}`, 'x-request-id': 'obs-chat-2' })).text();
    await eventually(
      () => requestLines(guarded),
      (all) => all.some((each) => each.request_id === 'obs-chat-2'),
    );
    for (const app of [open, guarded]) {
      const output = app.output();
      for (const secret of [SENTINEL_KEY, TOKEN, SAID, 'Reykjavik']) expect(output).not.toContain(secret);
    }
  });
});
