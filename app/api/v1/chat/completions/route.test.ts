/**
 * Property: whatever body arrives, the chat route answers in the OpenAI error shape or with a
 * completion — never a 500, never an uncaught exception. Runs the route in-process against the
 * offline simulator (no key configured).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetServerEnvForTests } from '@/lib/server/env';
import { POST } from './route';

beforeAll(() => {
  delete process.env.AIML_API_KEY;
  process.env.SIMULATOR_CHUNK_DELAY_MS = '0';
  process.env.PLAYGROUND_RATE_LIMIT_PER_MINUTE = '0';
  resetServerEnvForTests();
});

async function send(body: string): Promise<{ status: number; text: string }> {
  const response = await POST(
    new Request('http://localhost/api/v1/chat/completions', { method: 'POST', body, headers: { 'content-type': 'application/json', host: 'localhost:3000' } }),
  );
  return { status: response.status, text: await response.text() };
}

const tool = fc.record({
  type: fc.constant('function'),
  function: fc.record(
    {
      name: fc.oneof(fc.constantFrom('get_current_weather', 'send_email'), fc.string({ maxLength: 70 })),
      description: fc.string({ maxLength: 40 }),
      parameters: fc.oneof(fc.constant({ type: 'object', properties: { location: { type: 'string' } } }), fc.object({ maxDepth: 2 })),
    },
    { requiredKeys: ['name'] },
  ),
});
const message = fc.oneof(
  fc.record({ role: fc.constantFrom('user', 'system', 'assistant', 'tool', 'wizard'), content: fc.oneof(fc.string({ maxLength: 60 }), fc.constant(null)) }),
  fc.record({ role: fc.constant('tool'), tool_call_id: fc.string({ maxLength: 10 }), content: fc.string({ maxLength: 40 }) }),
  fc.anything({ maxDepth: 2 }),
);
const nearlyValidBody = fc.record(
  {
    model: fc.oneof(fc.constant('offline-simulator'), fc.constant('gpt-4o'), fc.string({ maxLength: 140 })),
    messages: fc.array(message, { maxLength: 4 }),
    tools: fc.array(tool, { maxLength: 3 }),
    tool_choice: fc.oneof(fc.constantFrom('auto', 'none', 'required', 'sometimes'), fc.record({ type: fc.constant('function'), function: fc.record({ name: fc.string({ maxLength: 10 }) }) })),
    parallel_tool_calls: fc.oneof(fc.boolean(), fc.string({ maxLength: 3 })),
    temperature: fc.oneof(fc.double(), fc.integer()),
    max_tokens: fc.oneof(fc.integer(), fc.double()),
    stream: fc.boolean(),
    extra_field: fc.anything({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);

describe('POST /api/v1/chat/completions', () => {
  it('never answers 500 nor throws, whatever JSON arrives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearlyValidBody, fc.anything({ maxDepth: 3 })), async (body) => {
        const { status, text } = await send(JSON.stringify(body) ?? 'null');
        expect([200, 400, 401]).toContain(status);
        if (status !== 200) expect(JSON.parse(text).error.message).toEqual(expect.any(String));
      }),
      { numRuns: 300 },
    );
  });

  it('never answers 500 nor throws on bytes that are not JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        const { status } = await send(text);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });

  it('answers 413 for a body over 1 MB and names the limits of messages and tools', async () => {
    expect((await send(JSON.stringify({ model: 'offline-simulator', messages: [{ role: 'user', content: 'x'.repeat(1_100_000) }] }))).status).toBe(413);
    const many = await send(JSON.stringify({ model: 'offline-simulator', messages: Array.from({ length: 257 }, () => ({ role: 'user', content: 'hi' })) }));
    expect(many.status).toBe(400);
    expect(JSON.parse(many.text).error.param).toBe('messages');
    const tools = Array.from({ length: 129 }, (_, i) => ({ type: 'function', function: { name: `tool_${i}` } }));
    const manyTools = await send(JSON.stringify({ model: 'offline-simulator', messages: [{ role: 'user', content: 'hi' }], tools }));
    expect(JSON.parse(manyTools.text).error.param).toBe('tools');
  });

  it('drops unknown top-level fields and answers with the simulator', async () => {
    const { status, text } = await send(JSON.stringify({ model: 'offline-simulator', messages: [{ role: 'user', content: 'Hello' }], surprise: { deep: true } }));
    expect(status).toBe(200);
    expect(JSON.parse(text).object).toBe('chat.completion');
  });
});
