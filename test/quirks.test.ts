/**
 * Each provider quirk, through the built app, reaches the official SDK's stream helper as three
 * well-formed parallel calls (the SDK fed the same stream directly crashes on or mangles several of
 * them: lib/server/normalize.test.ts shows which).
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIRKS } from '../e2e/upstream/fixtures.mjs';
import { startTestUpstream } from '../e2e/upstream/server.mjs';
import { SENTINEL_KEY } from './sentinel.mjs';
import { startApp, type RunningApp } from './support/app';

let upstream: Awaited<ReturnType<typeof startTestUpstream>>;
let app: RunningApp;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startTestUpstream({ port: 0 });
  app = await startApp({ AIML_API_KEY: SENTINEL_KEY, AIML_API_BASE_URL: upstream.url });
  client = new OpenAI({ apiKey: 'unused', baseURL: `${app.url}/api/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await app?.stop();
  await upstream?.close();
});

function wellFormed(calls: OpenAI.ChatCompletionMessageToolCall[] | undefined, expected: Array<{ name: string; arguments: object }>) {
  expect(calls).toHaveLength(expected.length);
  const ids = calls!.map((call) => call.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^\S+$/);
  expect(
    calls!.map((call) => (call.type === 'function' ? { name: call.function.name, arguments: JSON.parse(call.function.arguments) } : call)),
  ).toEqual(expected);
}

describe.each(Object.entries(QUIRKS))('quirk %s', (_name, quirk) => {
  it('streams to the SDK stream helper as well-formed parallel calls', async () => {
    upstream.script([quirk.step]);
    const final = await client.chat.completions
      .stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'What is the weather?' }], tools: quirk.tools as never })
      .finalChatCompletion();
    expect(final.choices[0].finish_reason).toBe('tool_calls');
    wellFormed(final.choices[0].message.tool_calls, quirk.expected);
  });
});

const inCompletions = Object.entries(QUIRKS).filter(([, quirk]) => quirk.completion);
describe.each(inCompletions)('quirk %s in a plain completion', (_name, quirk) => {
  it('arrives as well-formed parallel calls', async () => {
    upstream.script([quirk.completion!]);
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What is the weather?' }],
      tools: quirk.tools as never,
    });
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    wellFormed(completion.choices[0].message.tool_calls, quirk.expected);
  });
});
