/**
 * Whatever the schema, the message and the tool results, a json_schema answer parses to JSON that Ajv
 * accepts against the schema — and with `strict: true`, against the schema as strict mode reads it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatRequest } from '@/lib/wire/chat';
import { simulateCompletion } from './completion';
import { strictened } from './structured-answer';
import { anySchema, messages, objectSchema, parametersSchema, strictAjv, type Schema } from './testing/schemas';

const ajv = strictAjv();

const KEYS = ['location', 'city', 'temperature', 'unit', 'name', 'count', 'tags', 'date', 'price', 'notes', 'answer', 'enabled', 'id', 'items'];
const result = fc.dictionary(fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 });

function request(schema: Schema, strict: boolean, message: string, results: Array<Record<string, unknown>>): ChatRequest {
  const calls = results.map((_, i) => ({ id: `call_${i}`, type: 'function' as const, function: { name: 'lookup', arguments: JSON.stringify({ location: `City ${i}` }) } }));
  const messages: ChatMessage[] = [
    { role: 'user', content: message },
    ...(calls.length
      ? [{ role: 'assistant', content: null, tool_calls: calls } as ChatMessage, ...results.map((value, i): ChatMessage => ({ role: 'tool', tool_call_id: `call_${i}`, content: JSON.stringify(value) }))]
      : []),
  ];
  return {
    model: 'offline-simulator',
    messages,
    tools: [{ type: 'function', function: { name: 'lookup', description: 'Look something up', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }],
    // Never a call: the answer is what is checked.
    tool_choice: 'none',
    response_format: { type: 'json_schema', json_schema: { name: 'generated', schema, strict } },
  };
}

function answerErrors(schema: Schema, strict: boolean, message: string, results: Array<Record<string, unknown>>): string[] {
  const content = simulateCompletion(request(schema, strict, message, results), { created: 0 }).choices[0].message.content!;
  const validate = ajv.compile(strict ? strictened(schema, 0) : schema);
  return validate(JSON.parse(content)) ? [] : [`${content}: ${ajv.errorsText(validate.errors)}`];
}

describe('structured answers are valid against their schema', () => {
  const schemas = fc.oneof(
    { arbitrary: parametersSchema().map((schema) => schema ?? { type: 'object' }), weight: 4 },
    { arbitrary: objectSchema(3), weight: 3 },
    { arbitrary: anySchema(2), weight: 2 },
  );

  it('after tool results, with and without strict', () => {
    fc.assert(
      fc.property(schemas, messages, fc.array(result, { maxLength: 3 }), fc.boolean(), (schema, message, results, strict) => {
        expect(answerErrors(schema, strict, message, results)).toEqual([]);
      }),
      { numRuns: 400, seed: 20261202 },
    );
  });

  it('for a random seed too (a fresh sample on every run)', () => {
    fc.assert(
      fc.property(schemas, messages, fc.array(result, { maxLength: 3 }), fc.boolean(), (schema, message, results, strict) => {
        expect(answerErrors(schema, strict, message, results)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
