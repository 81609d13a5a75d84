/** The production build with no key configured: only the offline simulator answers. */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEATHER_TOOL } from '@/lib/scenario/scenario';
import { startApp, type RunningApp } from './support/app';


let app: RunningApp;
let client: OpenAI;

beforeAll(async () => {
  app = await startApp({ AIML_API_BASE_URL: 'http://127.0.0.1:9/v1' });
  client = new OpenAI({ apiKey: 'unused', baseURL: `${app.url}/api/v1`, maxRetries: 0 });
});
afterAll(() => app?.stop());

describe('with no AIML_API_KEY', () => {
  it('lists the simulator, its careless persona and the 53 upstream models, marked unavailable', async () => {
    const body = await (await fetch(`${app.url}/api/v1/models`)).json();
    expect(body.key_configured).toBe(false);
    expect(body.data).toHaveLength(55);
    expect(body.data[0]).toMatchObject({ id: 'offline-simulator', available: true });
    expect(body.data[1]).toMatchObject({ id: 'offline-simulator-careless', available: true });
    expect(body.data.slice(2).every((model: { available: boolean }) => !model.available)).toBe(true);
  });

  it('answers the guide\'s question with three parallel calls from the simulator, plain and streamed', async () => {
    const request = {
      model: 'offline-simulator',
      messages: [{ role: 'user' as const, content: 'What is the current temperature of New York, San Francisco, and Chicago?' }],
      tools: [WEATHER_TOOL],
    };
    const plain = await client.chat.completions.create(request);
    const locations = (plain.choices[0].message.tool_calls ?? []).map(
      (call) => call.type === 'function' && JSON.parse(call.function.arguments).location,
    );
    expect(locations).toEqual(['New York', 'San Francisco', 'Chicago']);
    const streamed = await client.chat.completions.stream(request).finalChatCompletion();
    expect(streamed.choices[0].message.tool_calls).toEqual(plain.choices[0].message.tool_calls);
  });

  it('answers the careless persona with no key too', async () => {
    const plain = await client.chat.completions.create({
      model: 'offline-simulator-careless',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [WEATHER_TOOL],
    });
    expect(plain.model).toBe('offline-simulator-careless');
    expect(plain.choices[0].finish_reason).toBe('tool_calls');
  });

  it('refuses an upstream model with 401 saying how to configure a key', async () => {
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as Error).message).toContain('AIML_API_KEY');
  });
});

describe('a misconfigured server', () => {
  it('stops at start with a message that names the variable', async () => {
    await expect(startApp({ AIML_API_TIMEOUT_MS: 'soon', AIML_API_BASE_URL: 'ftp://example' })).rejects.toThrow(
      /Invalid server configuration: .*AIML_API_BASE_URL/,
    );
  });
});
