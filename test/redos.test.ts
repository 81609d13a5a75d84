/**
 * The finding "One request freezes the server: ReDoS in the simulator" (Security, round two), over HTTP
 * against the production build. The simulator answers inside the chat route, on the server's one
 * JavaScript thread; a tool whose `pattern` is `^(.+)+Z$` with `minLength` 34 would keep a backtracking
 * engine busy for many minutes (each extra character doubles it: 24 characters took 1 s), and every other
 * request would wait behind it. Both requests must be answered within the test's timeout.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEATHER_TOOL } from '@/lib/scenario/scenario';
import { startApp, type RunningApp } from './support/app';

const HOSTILE_TOOL = {
  type: 'function' as const,
  function: {
    name: 'lookup_code',
    description: 'Look up an order code',
    parameters: { type: 'object', properties: { code: { type: 'string', minLength: 34, pattern: '^(.+)+Z$' } }, required: ['code'] },
  },
};

let app: RunningApp;
let client: OpenAI;

beforeAll(async () => {
  app = await startApp({ PLAYGROUND_RATE_LIMIT_PER_MINUTE: '0', SIMULATOR_CHUNK_DELAY_MS: '0' });
  client = new OpenAI({ apiKey: 'unused', baseURL: `${app.url}/api/v1`, maxRetries: 0, timeout: 60_000 });
});
afterAll(() => app?.stop());

describe('ReDoS: one request freezes the server', () => {
  it('ReDoS: a tool with pattern ^(.+)+Z$ sent to offline-simulator does not hold up the next request', async () => {
    const hostile = client.chat.completions.create({
      model: 'offline-simulator',
      messages: [{ role: 'user', content: 'Look up the order code, please' }],
      tools: [HOSTILE_TOOL],
    });
    // Give the hostile request a head start, so that the server is working on it when the next arrives.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const next = await client.chat.completions.create({
      model: 'offline-simulator',
      messages: [{ role: 'user', content: 'What is the current temperature of New York, San Francisco, and Chicago?' }],
      tools: [WEATHER_TOOL],
    });
    expect(next.choices[0].message.tool_calls).toHaveLength(3);

    const answer = (await hostile).choices[0].message;
    const call = answer.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('lookup_code');
    expect(answer.content).toMatch(/^\(Offline simulator\) I found no value for "code" that fits its pattern "\^\(\.\+\)\+Z\$"/);
  }, 30_000);

  it('ReDoS: the same tool, streamed, ends with [DONE] and the note', async () => {
    const stream = client.chat.completions.stream({
      model: 'offline-simulator',
      messages: [{ role: 'user', content: 'Look up the order code, please' }],
      tools: [HOSTILE_TOOL],
    });
    const completion = await stream.finalChatCompletion();
    expect(completion.choices[0].message.tool_calls).toHaveLength(1);
    expect(completion.choices[0].message.content).toMatch(/I found no value for "code"/);
  }, 30_000);
});
