/** observed(): the request id, one log line per request when its response has ended, the metrics. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetServerEnvForTests } from '../env';
import { requestRecord, startModelCall } from './context';
import { useLogDestinationForTests } from './logger';
import { metricsRegistry, resetMetricsForTests } from './metrics';
import { observed, requestIdFrom } from './observed';

const SECRET_KEY = 'sk-observed-secret-key-0000';
const SECRET_TOKEN = 'access-token-observed-1111';
const CONTENT = 'my very private message content';

let lines: string[] = [];
const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

beforeEach(() => {
  process.env.PLAYGROUND_LOG_LEVEL = 'info';
  process.env.AIML_API_KEY = SECRET_KEY;
  resetServerEnvForTests();
  lines = [];
  useLogDestinationForTests({ write: (line: string) => void lines.push(line) });
  resetMetricsForTests();
});
afterEach(() => {
  delete process.env.PLAYGROUND_LOG_LEVEL;
  delete process.env.AIML_API_KEY;
  resetServerEnvForTests();
});

const post = (headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/test', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ messages: [{ role: 'user', content: CONTENT }], token: SECRET_TOKEN }) });

const encoder = new TextEncoder();
/** An SSE response whose body the test drives. */
function sse() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c), cancel: () => void (cancelled = true) });
  const response = new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
  return { response, controller, cancelled: () => cancelled };
}
type Sample = { value: number; labels: Record<string, string | number>; metricName?: string };
const metric = async (name: string): Promise<Sample[]> => ((await metricsRegistry().getSingleMetric(name)?.get())?.values ?? []) as Sample[];
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the request id', () => {
  it('keeps a plain id the caller sent, and makes one for none or anything else', () => {
    expect(requestIdFrom('abc-123_x.y:z')).toBe('abc-123_x.y:z');
    expect(requestIdFrom(null)).toMatch(/^[0-9a-f-]{36}$/);
    for (const bad of ['', 'with space', 'a\nb', 'x'.repeat(129), '{"json":1}']) expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends it back, on a JSON response and on a fetched one whose headers are immutable', async () => {
    const json = await observed('/api/test', () => Response.json({ ok: true }))(post({ 'x-request-id': 'req-1' }));
    expect(json.headers.get('x-request-id')).toBe('req-1');
    const immutable = Response.redirect('http://localhost/elsewhere', 302); // its headers are immutable, as a fetched Response's
    expect(() => immutable.headers.set('x', '1')).toThrow();
    const copied = await observed('/api/test', () => immutable)(post({ 'x-request-id': 'bad id' }));
    expect(copied.status).toBe(302);
    expect(copied.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged()[1].request_id).toBe(copied.headers.get('x-request-id'));
  });
});

describe('the log line', () => {
  it('of a JSON response: its fields, and nothing secret or said', async () => {
    const handler = observed('/api/test', async (request: Request) => {
      await request.json();
      startModelCall(requestRecord(request), 'gpt-4o').done({ prompt_tokens: 12, completion_tokens: 3 });
      return Response.json({ answer: CONTENT }, { status: 201 });
    });
    await handler(post({ 'x-request-id': 'req-json', authorization: `Bearer ${SECRET_TOKEN}`, cookie: `playground_access=${SECRET_TOKEN}`, 'x-api-key': SECRET_KEY }));
    expect(lines).toHaveLength(1);
    const line = logged()[0];
    expect(line).toMatchObject({ msg: 'request', level: 30, request_id: 'req-json', method: 'POST', route: '/api/test', status: 201, model: 'gpt-4o', tokens: { prompt: 12, completion: 3 }, outcome: 'ok' });
    expect(line.duration_ms).toEqual(expect.any(Number));
    for (const secret of [SECRET_KEY, SECRET_TOKEN, CONTENT, 'authorization', 'cookie']) expect(lines[0]).not.toContain(secret);
  });

  it('of a request whose client went away during its model call (499): outcome cancelled', async () => {
    await observed('/api/test', () => Response.json({}, { status: 499 }))(post());
    expect(logged()).toEqual([expect.objectContaining({ status: 499, outcome: 'cancelled' })]);
  });

  it('of a stream: written at its end, with the duration to the end and the in-flight gauge back to 0', async () => {
    const stream = sse();
    const response = await observed('/api/stream', () => stream.response)(post());
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const reader = response.body!.getReader();
    stream.controller.enqueue(encoder.encode('data: 1\n\n'));
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: 1\n\n');
    expect(lines).toHaveLength(0);
    expect((await metric('playground_http_streams_in_flight'))[0]).toMatchObject({ value: 1, labels: { route: '/api/stream' } });
    await new Promise((resolve) => setTimeout(resolve, 30));
    stream.controller.close();
    expect((await reader.read()).done).toBe(true);
    expect(logged()).toEqual([expect.objectContaining({ route: '/api/stream', status: 200, outcome: 'ok' })]);
    expect(logged()[0].duration_ms as number).toBeGreaterThanOrEqual(25);
    expect((await metric('playground_http_streams_in_flight'))[0].value).toBe(0);
  });

  it('of a stream the client cancels: outcome cancelled, and the cancel reaches the body', async () => {
    const stream = sse();
    const response = await observed('/api/stream', () => stream.response)(post());
    await response.body!.cancel();
    expect(stream.cancelled()).toBe(true);
    expect(logged()).toEqual([expect.objectContaining({ status: 200, outcome: 'cancelled' })]);
  });

  it('of a stream that breaks: level error with the message, counted as an error', async () => {
    const stream = sse();
    const response = await observed('/api/stream', () => stream.response)(post());
    const reading = response.text().catch((error: unknown) => error);
    stream.controller.error(new Error('socket hang up'));
    expect(await reading).toBeInstanceOf(Error);
    expect(logged()).toEqual([expect.objectContaining({ level: 50, status: 200, outcome: 'error', error: 'socket hang up' })]);
    expect(await metric('playground_http_request_errors_total')).toEqual([expect.objectContaining({ value: 1, labels: { route: '/api/stream', status: 500 } })]);
  });

  it('of a stream that ends with an error event: the error code and its status', async () => {
    const stream = sse();
    const response = await observed('/api/stream', (request: Request) => {
      startModelCall(requestRecord(request), 'gpt-4o').failed({ status: 504, body: { error: { message: 'slow', type: 'timeout_error', code: 'upstream_timeout', param: null } } });
      return stream.response;
    })(post());
    stream.controller.close();
    await response.text();
    expect(logged()).toEqual([expect.objectContaining({ level: 40, status: 200, outcome: 'error', error_code: 'upstream_timeout', model: 'gpt-4o' })]);
    expect(await metric('playground_http_request_errors_total')).toEqual([expect.objectContaining({ labels: { route: '/api/stream', status: 504 } })]);
  });

  it('of a handler that throws: level error with the message but no stack, status 500, and the throw goes on', async () => {
    const failing = observed('/api/test', () => {
      throw new Error('database on fire');
    });
    await expect(failing(post())).rejects.toThrow('database on fire');
    const line = logged()[0];
    expect(line).toMatchObject({ level: 50, status: 500, outcome: 'error', error: 'database on fire' });
    expect(line.stack).toBeUndefined();
    expect(await metric('playground_http_requests_total')).toEqual([expect.objectContaining({ value: 1, labels: { route: '/api/test', method: 'POST', status: 500 } })]);
  });

  it('at debug, a thrown error comes with its stack; at warn, a fine request is not logged', async () => {
    process.env.PLAYGROUND_LOG_LEVEL = 'debug';
    resetServerEnvForTests();
    await observed('/api/test', () => Promise.reject(new Error('boom')))(post()).catch(() => {});
    expect(logged()[0].stack).toContain('observed.test.ts');
    process.env.PLAYGROUND_LOG_LEVEL = 'warn';
    resetServerEnvForTests();
    await observed('/api/test', () => Response.json({}))(post());
    expect(lines).toHaveLength(1);
  });
});

describe('the metrics', () => {
  it('count requests by route, method and status, their durations, and model calls with their tokens', async () => {
    const chat = observed('/api/chat', (request: Request) => {
      startModelCall(requestRecord(request), 'offline-simulator').done({ prompt_tokens: 40, completion_tokens: 7 });
      return Response.json({});
    });
    await chat(post());
    await chat(post());
    await observed('/api/chat', () => Response.json({}, { status: 503 }))(post());
    await tick();
    expect(await metric('playground_http_requests_total')).toEqual([
      expect.objectContaining({ value: 2, labels: { route: '/api/chat', method: 'POST', status: 200 } }),
      expect.objectContaining({ value: 1, labels: { route: '/api/chat', method: 'POST', status: 503 } }),
    ]);
    expect(await metric('playground_http_request_errors_total')).toEqual([expect.objectContaining({ value: 1, labels: { route: '/api/chat', status: 503 } })]);
    expect(await metric('playground_model_tokens_total')).toEqual([
      expect.objectContaining({ value: 80, labels: { model: 'offline-simulator', kind: 'prompt' } }),
      expect.objectContaining({ value: 14, labels: { model: 'offline-simulator', kind: 'completion' } }),
    ]);
    const durations = await metric('playground_http_request_duration_seconds');
    expect(durations.find((v) => v.metricName === 'playground_http_request_duration_seconds_count')?.value).toBe(3);
    const modelCalls = await metric('playground_model_call_duration_seconds');
    expect(modelCalls.find((v) => v.metricName === 'playground_model_call_duration_seconds_count')).toMatchObject({ value: 2, labels: { model: 'offline-simulator' } });
  });

  it('keep the model label bounded: past 200 distinct ids, "other"', async () => {
    for (let i = 0; i < 205; i += 1) {
      await observed('/api/chat', (request: Request) => {
        startModelCall(requestRecord(request), `model-${i}`).done({ prompt_tokens: 1, completion_tokens: 1 });
        return Response.json({});
      })(post());
    }
    const models = new Set((await metric('playground_model_tokens_total')).map((v) => v.labels.model));
    expect(models.size).toBe(201);
    expect(models.has('other')).toBe(true);
    expect(models.has('model-204')).toBe(false);
  });
});
