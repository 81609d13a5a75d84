/** The chat route reports its model call to the request's record: model, tokens, the error code (chat-proxy.ts, chat-stream.ts). */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { answerChatCompletion } from '../chat-endpoint';
import { resetServerEnvForTests } from '../env';
import { useLogDestinationForTests } from './logger';
import { metricsRegistry, resetMetricsForTests } from './metrics';
import { observed } from './observed';

const KEY = 'sk-model-call-test-secret';
const CONTENT = 'What is the weather in Paris?';
let lines: string[] = [];
const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

beforeEach(() => {
  Object.assign(process.env, { SIMULATOR_CHUNK_DELAY_MS: '0', AIML_API_KEY: KEY, AIML_API_BASE_URL: 'http://127.0.0.1:9/v1', AIML_API_TIMEOUT_MS: '3000' });
  delete process.env.PLAYGROUND_ACCESS_TOKEN;
  resetServerEnvForTests();
  lines = [];
  useLogDestinationForTests({ write: (line: string) => void lines.push(line) });
  resetMetricsForTests();
});
afterAll(() => {
  for (const name of ['SIMULATOR_CHUNK_DELAY_MS', 'AIML_API_KEY', 'AIML_API_BASE_URL', 'AIML_API_TIMEOUT_MS']) delete process.env[name];
  resetServerEnvForTests();
});

/** The chat route's handler, as app/api/v1/chat/completions/route.ts wraps it. */
const POST = observed('/api/v1/chat/completions', answerChatCompletion);
const chat = (body: Record<string, unknown>) =>
  POST(
    new Request('http://localhost/api/v1/chat/completions', {
      method: 'POST',
      headers: { host: 'localhost', 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ messages: [{ role: 'user', content: CONTENT }], ...body }),
    }),
  );

describe('a chat request logs its model call', () => {
  it('plain: the model and the tokens of the reply', async () => {
    const response = await chat({ model: 'offline-simulator' });
    const { usage } = await response.json();
    expect(logged()).toEqual([
      expect.objectContaining({ route: '/api/v1/chat/completions', status: 200, outcome: 'ok', model: 'offline-simulator', tokens: { prompt: usage.prompt_tokens, completion: usage.completion_tokens } }),
    ]);
    expect(logged()[0].model_ms).toEqual(expect.any(Number));
    expect(lines[0]).not.toContain(CONTENT);
    expect(lines[0]).not.toContain(KEY);
  });

  it('streamed with usage asked: the tokens of the usage chunk, once the stream has ended', async () => {
    const response = await chat({ model: 'offline-simulator', stream: true, stream_options: { include_usage: true } });
    const text = await response.text();
    const usage = text.split('\n').filter((line) => line.startsWith('data: {')).map((line) => JSON.parse(line.slice(6))).find((chunk) => chunk.usage)?.usage;
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    expect(logged()).toEqual([expect.objectContaining({ status: 200, outcome: 'ok', model: 'offline-simulator', tokens: { prompt: usage.prompt_tokens, completion: usage.completion_tokens } })]);
    const tokens = (await metricsRegistry().getSingleMetric('playground_model_tokens_total')!.get()).values;
    expect(tokens).toContainEqual(expect.objectContaining({ value: usage.completion_tokens, labels: { model: 'offline-simulator', kind: 'completion' } }));
  });

  it('an upstream that cannot be reached: the error code the client got, with the model', async () => {
    const response = await chat({ model: 'gpt-4o' });
    const { error } = await response.json();
    expect(error.code).toEqual(expect.any(String));
    expect(logged()).toEqual([expect.objectContaining({ status: response.status, outcome: 'error', model: 'gpt-4o', error_code: error.code })]);
    expect(logged()[0].tokens).toBeUndefined();
  });

  it('a request refused before any model call: no model in the line', async () => {
    const response = await chat({ model: 'not a model id!' });
    expect(response.status).toBe(400);
    expect(logged()).toEqual([expect.objectContaining({ status: 400, outcome: 'error' })]);
    expect(logged()[0].model).toBeUndefined();
  });
});
