import { describe, expect, it } from 'vitest';
import { chatRequestSchema, contentText, describeIssues, LIMITS } from './chat';

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    parameters: { type: 'object', properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } } },
  },
};
const guideRequest = {
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'You are a helpful assistant that can access external functions.' },
    { role: 'user', content: 'What is the current temperature of New York, San Francisco, and Chicago?' },
  ],
  tools: [weatherTool],
  tool_choice: 'auto',
};

function issues(body: unknown): string {
  const parsed = chatRequestSchema.safeParse(body);
  return parsed.success ? '' : describeIssues(parsed.error.issues);
}

describe('chatRequestSchema', () => {
  it('accepts the guide\'s request, a round trip with tool results, and every tool_choice form', () => {
    expect(issues(guideRequest)).toBe('');
    const roundTrip = {
      ...guideRequest,
      messages: [
        ...guideRequest.messages,
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_current_weather', arguments: '{"location":"Chicago"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temperature": 12}' },
      ],
      parallel_tool_calls: false,
      temperature: 0.2,
      max_tokens: 300,
      stream: true,
      stream_options: { include_usage: true },
    };
    expect(issues(roundTrip)).toBe('');
    for (const tool_choice of ['none', 'auto', 'required', { type: 'function', function: { name: 'get_current_weather' } }]) {
      expect(issues({ ...guideRequest, tool_choice })).toBe('');
    }
    expect(issues({ ...guideRequest, model: 'openai/gpt-4.1-2025-04-14' })).toBe('');
    expect(issues({ ...guideRequest, model: 'llama3.1:8b' })).toBe('');
  });

  it('names the field of every rejection', () => {
    expect(issues({ ...guideRequest, messages: [{ role: 'wizard', content: 'hi' }] })).toMatch(/^messages\.0/);
    expect(issues({ ...guideRequest, model: 'gpt 4o; rm -rf' })).toMatch(/^model: must be a model id/);
    expect(issues({ ...guideRequest, tools: [{ type: 'function', function: { name: 'get weather' } }] })).toMatch(/^tools\.0\.function\.name/);
    expect(issues({ ...guideRequest, tool_choice: 'sometimes' })).toMatch(/^tool_choice/);
    expect(issues({ ...guideRequest, temperature: 3 })).toMatch(/^temperature/);
    expect(issues({ ...guideRequest, max_tokens: 0 })).toMatch(/^max_tokens/);
    expect(issues({ ...guideRequest, messages: [] })).toMatch(/^messages/);
    expect(issues({ ...guideRequest, messages: [{ role: 'tool', content: 'x' }] })).toMatch(/^messages\.0\.tool_call_id/);
  });

  it('enforces the limits on messages and tools', () => {
    const many = Array.from({ length: LIMITS.maxMessages + 1 }, () => ({ role: 'user', content: 'hi' }));
    expect(issues({ ...guideRequest, messages: many })).toMatch(/^messages: /);
    const tools = Array.from({ length: LIMITS.maxTools + 1 }, (_, i) => ({ type: 'function', function: { name: `t${i}` } }));
    expect(issues({ ...guideRequest, tools })).toMatch(/^tools: /);
  });

  it('keeps a tool\'s parameters as sent: an own __proto__ key at any depth is data and is forwarded (Security, round two: 10)', () => {
    const body = JSON.parse(JSON.stringify(guideRequest));
    body.tools[0].function.parameters = JSON.parse('{"type": "object", "__proto__": {"x": 1}, "properties": {"__proto__": {"type": "string"}}}');
    const parsed = chatRequestSchema.parse(body);
    const parameters = parsed.tools![0].function.parameters!;
    expect(Object.hasOwn(parameters, '__proto__')).toBe(true);
    expect(JSON.stringify(parameters)).toBe('{"type":"object","__proto__":{"x":1},"properties":{"__proto__":{"type":"string"}}}');
    expect(issues({ ...guideRequest, tools: [{ type: 'function', function: { name: 'a', parameters: [] } }] })).toMatch(/^tools\.0\.function\.parameters: must be a JSON object/);
  });

  it('drops unknown top-level fields instead of forwarding them', () => {
    const parsed = chatRequestSchema.parse({ ...guideRequest, api_base: 'http://evil.example', surprise: 1 });
    expect(parsed).not.toHaveProperty('api_base');
    expect(parsed).not.toHaveProperty('surprise');
  });
});

describe('contentText', () => {
  it('reads both content shapes', () => {
    expect(contentText('plain')).toBe('plain');
    expect(contentText([{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }])).toBe('ab');
    expect(contentText(null)).toBe('');
  });
});

describe('chatRequestSchema, free JSON bounded in depth', () => {
  const withParameters = (parameters: unknown) => ({ ...guideRequest, tools: [{ type: 'function', function: { name: 'f', parameters } }] });
  const nested = (depth: number) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

  it('refuses parameters nested deeper than 64 levels, naming the field, without overflowing the stack', () => {
    expect(issues(withParameters(nested(64)))).toBe('');
    expect(issues(withParameters(nested(65)))).toBe('tools.0.function.parameters: is nested deeper than 64 levels (a JSON Schema needs far fewer)');
    expect(issues(withParameters(nested(100_000)))).toMatch(/^tools\.0\.function\.parameters: is nested deeper than 64 levels/);
  });
});
