/** The careless persona: every mistake it lists, made for some request, the same way every time. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatRequest, Tool } from '@/lib/wire/chat';
import { CARELESS_SIMULATOR_ID, OFFLINE_SIMULATOR_ID } from '@/lib/wire/models';
import { MISTAKES, type MistakeName } from './careless';
import { simulateCompletion } from './completion';
import { planReply } from './reply';
import { WEATHER_TOOL } from './testing/fixtures';

const BOOK_TABLE: Tool = {
  type: 'function',
  function: {
    name: 'book_table',
    description: 'Book a table at a restaurant',
    parameters: {
      type: 'object',
      properties: {
        restaurant: { type: 'string', description: 'Restaurant name' },
        party_size: { type: 'integer', description: 'Number of people' },
        seating: { type: 'string', enum: ['indoor', 'outdoor'] },
      },
      required: ['restaurant', 'party_size'],
    },
  },
};

const area = (shape: string, properties: Record<string, object>): Tool => ({
  type: 'function',
  function: { name: `calculate_${shape}_area`, description: `Calculate the area of a ${shape}`, parameters: { type: 'object', properties, required: Object.keys(properties) } },
});
const TRIANGLE_AREA = area('triangle', { base: { type: 'number' }, height: { type: 'number' } });
const CIRCLE_AREA = area('circle', { radius: { type: 'number' } });
const SHAPES = [TRIANGLE_AREA, CIRCLE_AREA];
const TRIANGLE_QUESTION = 'Find the area of a triangle with base 10 and height 5.';

/** Requests that differ only in a case number, so the hash picks among the mistakes that apply. */
function variants(content: string, tools: Tool[]): ChatRequest[] {
  return Array.from({ length: 60 }, (_, n) => ({
    model: CARELESS_SIMULATOR_ID,
    messages: [{ role: 'user', content: `${content} (case ${n + 1})` }],
    tools,
  }));
}

function withMistake(requests: ChatRequest[], name: MistakeName) {
  for (const request of requests) {
    const careless = planReply(request);
    if (careless.mistake === name) return { careless, correct: planReply({ ...request, model: OFFLINE_SIMULATOR_ID }) };
  }
  throw new Error(`no request made the mistake ${name}`);
}

const args = (json: string) => JSON.parse(json) as Record<string, unknown>;

describe('the careless persona', () => {
  const booking = variants('Book a table at Luigi for 4 people, outdoor seating', [BOOK_TABLE]);

  it('leaves out a required argument', () => {
    const { careless, correct } = withMistake(booking, 'missing-required-argument');
    const kept = Object.keys(args(careless.calls[0].arguments));
    expect(Object.keys(args(correct.calls[0].arguments)).filter((key) => !kept.includes(key))).toHaveLength(1);
    expect(['restaurant', 'party_size'].every((key) => kept.includes(key))).toBe(false);
  });

  it('sends an enum value outside the list', () => {
    const { careless } = withMistake(booking, 'enum-value-outside-list');
    expect(['indoor', 'outdoor']).not.toContain(args(careless.calls[0].arguments).seating);
    expect(args(careless.calls[0].arguments)).toMatchObject({ restaurant: 'Luigi', party_size: 4 });
  });

  it('invents a parameter', () => {
    const { careless, correct } = withMistake(booking, 'invented-parameter');
    const extra = Object.keys(args(careless.calls[0].arguments)).filter((key) => !['restaurant', 'party_size', 'seating'].includes(key));
    expect(extra).toHaveLength(1);
    expect(args(careless.calls[0].arguments)).toMatchObject(args(correct.calls[0].arguments));
  });

  it('sends a number as a string', () => {
    const { careless } = withMistake(booking, 'number-as-string');
    expect(args(careless.calls[0].arguments).party_size).toBe('4');
  });

  it('makes one call where three were due', () => {
    const { careless, correct } = withMistake(variants('What is the weather in New York, San Francisco, and Chicago?', [WEATHER_TOOL]), 'dropped-parallel-calls');
    expect(correct.calls).toHaveLength(3);
    expect(careless.calls).toEqual(correct.calls.slice(0, 1));
  });

  it('calls the wrong one of two similar functions, with arguments for it', () => {
    const { careless, correct } = withMistake(variants(TRIANGLE_QUESTION, SHAPES), 'similar-function');
    expect(correct.calls.map((call) => call.name)).toEqual(['calculate_triangle_area']);
    expect(careless.calls.map((call) => call.name)).toEqual(['calculate_circle_area']);
    expect(Object.keys(args(careless.calls[0].arguments))).toEqual(['radius']);
  });

  it('lists every mistake it makes by name, each once', () => {
    const names = MISTAKES.map((mistake) => mistake.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(6);
    const readme = readFileSync(path.resolve(process.cwd(), 'README.md'), 'utf8');
    for (const mistake of MISTAKES) expect(readme).toContain(`| \`${mistake.name}\` |`);
  });

  it('keeps to the function tool_choice names', () => {
    const forced = variants(TRIANGLE_QUESTION, SHAPES).map((request) => ({
      ...request,
      tool_choice: { type: 'function' as const, function: { name: 'calculate_triangle_area' } },
    }));
    for (const request of forced) expect(planReply(request).calls.map((call) => call.name)).toEqual(['calculate_triangle_area']);
  });

  it('answers correctly in about a third of the cases, and makes a mistake in the others', () => {
    const replies = booking.map((request) => planReply(request));
    const correct = replies.filter((reply) => reply.mistake === undefined).length;
    expect(correct).toBeGreaterThanOrEqual(10);
    expect(correct).toBeLessThanOrEqual(30);
    expect(new Set(replies.map((reply) => reply.mistake).filter(Boolean)).size).toBe(4);
  });

  it('is deterministic: the same request gets the same completion, plain and streamed alike', () => {
    for (const request of booking.slice(0, 10)) {
      expect(simulateCompletion(request, { created: 0 })).toEqual(simulateCompletion(structuredClone(request), { created: 0 }));
      expect(planReply({ ...request, stream: true })).toEqual(planReply(request));
    }
  });

  it('leaves the default simulator as it was: no mistakes, the correct calls', () => {
    for (const request of booking) {
      const reply = planReply({ ...request, model: OFFLINE_SIMULATOR_ID });
      expect(reply.mistake).toBeUndefined();
      expect(args(reply.calls[0].arguments)).toEqual({ restaurant: 'Luigi', party_size: 4, seating: 'outdoor' });
    }
  });

  it('answers tool results as the simulator does', () => {
    const call = { id: 'call_1', type: 'function' as const, function: { name: 'get_current_weather', arguments: '{"location":"Paris"}' } };
    const messages: ChatRequest['messages'] = [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [call] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temperature":21}' },
    ];
    const careless = planReply({ model: CARELESS_SIMULATOR_ID, messages, tools: [WEATHER_TOOL] });
    expect(careless).toEqual(planReply({ model: OFFLINE_SIMULATOR_ID, messages, tools: [WEATHER_TOOL] }));
  });
});
