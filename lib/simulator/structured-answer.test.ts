/** The simulator under `response_format`: JSON answers valid against the schema, filled from what it knows. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ChatRequest, ResponseFormat, Tool } from '@/lib/wire/chat';
import { CARELESS_SIMULATOR_ID } from '@/lib/wire/models';
import { checkToolArguments } from '@/lib/tools/arguments';
import { checkResponseFormat } from '@/lib/tools/response-check';
import { loadSchemaEngine } from '@/lib/tools/schema-engine-loader';
import { simulateChunks, simulateCompletion } from './completion';
import { planReply } from './reply';
import { ask, GUIDE_QUESTION, WEATHER_TOOL } from './testing/fixtures';

beforeAll(async () => {
  await loadSchemaEngine();
});

function schemaFormat(schema: Record<string, unknown>, strict?: boolean): ResponseFormat {
  return { type: 'json_schema', json_schema: { name: 'answer', schema, ...(strict === undefined ? {} : { strict }) } };
}

/** The guide's question answered by three results, one per city. */
function afterResults(format: ResponseFormat | undefined, model = 'offline-simulator'): ChatRequest {
  const first = simulateCompletion(ask(GUIDE_QUESTION, [WEATHER_TOOL]));
  const calls = first.choices[0].message.tool_calls!;
  const temperatures = [22, 18, 9];
  const messages: ChatMessage[] = [
    { role: 'user', content: GUIDE_QUESTION },
    { role: 'assistant', content: null, tool_calls: calls },
    ...calls.map((call, i): ChatMessage => ({ role: 'tool', tool_call_id: call.id, content: JSON.stringify({ temperature: temperatures[i], unit: 'celsius' }) })),
  ];
  return { model, messages, tools: [WEATHER_TOOL], ...(format ? { response_format: format } : {}) };
}

function answerOf(request: ChatRequest): string {
  const message = simulateCompletion(request).choices[0].message;
  expect(message.tool_calls).toBeUndefined();
  return message.content!;
}

async function expectValid(content: string, format: ResponseFormat): Promise<unknown> {
  const check = await checkResponseFormat(content, format);
  expect(check, content).toMatchObject({ kind: 'valid' });
  return JSON.parse(content);
}

const WEATHER_ANSWER = {
  type: 'object',
  properties: {
    summary: { type: 'string', maxLength: 120 },
    temperature: { type: 'number' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    feels_like: { type: 'string', enum: ['cold', 'mild', 'hot'] },
    advice: { type: 'string' },
  },
  required: ['summary', 'temperature', 'unit', 'feels_like'],
};

describe('response_format json_schema', () => {
  it('after results: the properties take the results’ values and the sentence, and the answer validates', async () => {
    const format = schemaFormat(WEATHER_ANSWER);
    const answer = (await expectValid(answerOf(afterResults(format)), format)) as Record<string, unknown>;
    expect(answer.temperature).toBe(22);
    expect(answer.unit).toBe('celsius');
    expect(answer.feels_like).toBe('cold');
    expect(String(answer.summary)).toMatch(/^Here is what the tools returned\./);
    expect(Array.from(String(answer.summary)).length).toBeLessThanOrEqual(120);
    // Optional and unknown: left out, as the arguments leave out what the message does not give.
    expect(answer).not.toHaveProperty('advice');
  });

  it('an array of objects gets one item per result, each from its own call and result; nested objects too', async () => {
    const schema = {
      type: 'object',
      properties: {
        answer: { type: 'string' },
        cities: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            properties: { city: { type: 'string' }, reading: { type: 'object', properties: { temperature: { type: 'integer' }, unit: { type: 'string' } }, required: ['temperature', 'unit'] } },
            required: ['city', 'reading'],
          },
        },
      },
      required: ['answer', 'cities'],
    };
    const format = schemaFormat(schema);
    const answer = (await expectValid(answerOf(afterResults(format)), format)) as { cities: unknown[] };
    expect(answer.cities).toEqual([
      { city: 'New York', reading: { temperature: 22, unit: 'celsius' } },
      { city: 'San Francisco', reading: { temperature: 18, unit: 'celsius' } },
      { city: 'Chicago', reading: { temperature: 9, unit: 'celsius' } },
    ]);
  });

  it('strict: every property of every object, and no other', async () => {
    const schema = {
      type: 'object',
      properties: {
        temperature: { type: 'number' },
        advice: { type: 'string' },
        details: { type: 'object', properties: { unit: { type: 'string' }, source: { type: ['string', 'null'] } }, additionalProperties: false, required: ['unit', 'source'] },
        tags: { type: 'array', items: { type: 'string', enum: ['weather', 'news'] } },
      },
      required: ['temperature', 'advice', 'details', 'tags'],
      additionalProperties: false,
    };
    const format = schemaFormat(schema, true);
    const answer = (await expectValid(answerOf(afterResults(format)), format)) as Record<string, Record<string, unknown>>;
    expect(Object.keys(answer)).toEqual(['temperature', 'advice', 'details', 'tags']);
    expect(Object.keys(answer.details)).toEqual(['unit', 'source']);
    expect(answer.details.unit).toBe('celsius');
  });

  it('strict fills every property even when the schema forgets to require them', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'object', properties: { c: { type: 'integer' } } } } };
    const content = answerOf(ask('Hello there', [], { response_format: schemaFormat(schema, true) }));
    expect(Object.keys(JSON.parse(content))).toEqual(['a', 'b']);
    expect(Object.keys(JSON.parse(content).b)).toEqual(['c']);
  });

  it('a plain answer with no tool call takes the user’s words and the simulator’s sentence', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, date: { type: 'string', format: 'date' }, count: { type: 'integer', minimum: 1, maximum: 10 }, reply: { type: 'string' } },
      required: ['city', 'date', 'count', 'reply'],
    };
    const format = schemaFormat(schema);
    const content = answerOf(ask('Plan 3 days in Lisbon from 2026-05-04', [], { response_format: format }));
    const answer = (await expectValid(content, format)) as Record<string, unknown>;
    expect(answer).toMatchObject({ city: 'Lisbon', date: '2026-05-04', count: 3 });
    expect(String(answer.reply)).toMatch(/^\(Offline simulator\) I am a rule-based stand-in/);
  });

  it('enums, const, anyOf, $ref and bounds the results do not meet: valid values of the schema’s own', async () => {
    const schema = {
      $defs: { level: { type: 'string', enum: ['low', 'high'] } },
      type: 'object',
      properties: {
        temperature: { type: 'integer', maximum: 10 },
        unit: { const: 'kelvin' },
        level: { $ref: '#/$defs/level' },
        note: { anyOf: [{ type: 'null' }, { type: 'string', minLength: 3 }] },
        readings: { type: 'array', items: { type: 'number' }, minItems: 2, uniqueItems: true },
      },
      required: ['temperature', 'unit', 'level', 'note', 'readings'],
    };
    const format = schemaFormat(schema);
    const answer = (await expectValid(answerOf(afterResults(format)), format)) as Record<string, unknown>;
    expect(answer.temperature).not.toBe(22);
    expect(answer.unit).toBe('kelvin');
  });

  it('a root that is not an object: a string schema takes the sentence', async () => {
    const format = schemaFormat({ type: 'string', maxLength: 40 });
    const content = answerOf(afterResults(format));
    await expectValid(content, format);
    expect(JSON.parse(content)).toBe('Here is what the tools returned. New Yor');
  });

  it('is deterministic, and the careless persona answers with the same valid JSON', async () => {
    const format = schemaFormat(WEATHER_ANSWER);
    const content = answerOf(afterResults(format));
    expect(answerOf(afterResults(format))).toBe(content);
    await expectValid(answerOf(afterResults(format, CARELESS_SIMULATOR_ID)), format);
  });

  it('a json_schema format without a schema answers a JSON object', async () => {
    const format: ResponseFormat = { type: 'json_schema', json_schema: { name: 'free' } };
    await expectValid(answerOf(afterResults(format)), format);
  });
});

describe('response_format json_object and text', () => {
  it('json_object: the sentence as "answer", and the results beside it with their calls’ arguments', async () => {
    const format: ResponseFormat = { type: 'json_object' };
    const answer = (await expectValid(answerOf(afterResults(format)), format)) as { answer: string; results: unknown[] };
    expect(answer.answer).toBe(answerOf(afterResults(undefined)));
    expect(answer.results).toEqual([
      { location: 'New York', temperature: 22, unit: 'celsius' },
      { location: 'San Francisco', temperature: 18, unit: 'celsius' },
      { location: 'Chicago', temperature: 9, unit: 'celsius' },
    ]);
  });

  it('json_object with one result spreads its fields; with no call it is just the answer', async () => {
    const format: ResponseFormat = { type: 'json_object' };
    const one = ask('What is the weather in Paris?', [WEATHER_TOOL]);
    const call = simulateCompletion(one).choices[0].message.tool_calls![0];
    const messages: ChatMessage[] = [...one.messages, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: '{"temperature": 25}' }];
    expect(JSON.parse(answerOf({ ...one, messages, response_format: format }))).toEqual({ answer: 'Here is what the tool returned. Paris: the temperature is 25.', temperature: 25 });
    expect(Object.keys(JSON.parse(answerOf(ask('Hello', [], { response_format: format }))))).toEqual(['answer']);
  });

  it('text, or no response_format: the sentence as before', () => {
    expect(answerOf(afterResults({ type: 'text' }))).toBe(answerOf(afterResults(undefined)));
    expect(answerOf(afterResults(undefined))).toMatch(/^Here is what the tools returned\. New York: the temperature is 22/);
  });

  it('tool calls are the same under any response_format', () => {
    const plain = simulateCompletion(ask(GUIDE_QUESTION, [WEATHER_TOOL])).choices[0].message;
    const json = simulateCompletion(ask(GUIDE_QUESTION, [WEATHER_TOOL], { response_format: schemaFormat(WEATHER_ANSWER, true) })).choices[0].message;
    expect(json.tool_calls!.map((call) => call.function)).toEqual(plain.tool_calls!.map((call) => call.function));
  });
});

describe('streaming a JSON answer', () => {
  it('comes in several pieces that join into the same valid JSON', async () => {
    const format = schemaFormat(WEATHER_ANSWER, false);
    const request = { ...afterResults(format), stream: true };
    const pieces = simulateChunks(request).flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? ''));
    expect(pieces.filter(Boolean).length).toBeGreaterThan(2);
    const joined = pieces.join('');
    expect(joined).toBe(answerOf(afterResults(format)));
    await expectValid(joined, format);
  });
});

describe('strict tools', () => {
  const bookTable = (strict: boolean): Tool => ({
    type: 'function',
    function: {
      name: 'book_table',
      description: 'Book a restaurant table',
      strict,
      parameters: {
        type: 'object',
        properties: { restaurant: { type: 'string' }, people: { type: 'integer' }, time: { type: ['string', 'null'] }, seating: { type: 'string', enum: ['inside', 'outside'] } },
        required: ['restaurant', 'people', 'time', 'seating'],
        additionalProperties: false,
      },
    },
  });
  const messages = ['Book a table for 4 at Chez Marie at 19:30, outside', 'Book a table at Nopa', 'Book a table for two please', 'Reserve 6 seats at Luigi', 'Book a table for 3 at Rosa', 'Book a table for 5 outside at Bob'];

  it('the arguments have every required property and none outside the schema, for both personas', async () => {
    const tools = [bookTable(true)];
    for (const model of ['offline-simulator', CARELESS_SIMULATOR_ID]) {
      for (const content of messages) {
        const reply = planReply({ ...ask(content, tools), model });
        expect(reply.mistake, `${model}: ${content}`).toBeUndefined();
        for (const call of reply.calls) {
          const check = await checkToolArguments(tools, call.name, call.arguments);
          expect(check.problems, `${model}: ${content}`).toEqual([]);
          expect(Object.keys(JSON.parse(call.arguments) as object).sort()).toEqual(['people', 'restaurant', 'seating', 'time']);
        }
      }
    }
  });

  it('without strict the careless persona makes its schema mistakes on the same messages', () => {
    const mistakes = messages.map((content) => planReply({ ...ask(content, [bookTable(false)]), model: CARELESS_SIMULATOR_ID }).mistake);
    expect(mistakes.filter(Boolean).length).toBeGreaterThanOrEqual(3);
  });
});
