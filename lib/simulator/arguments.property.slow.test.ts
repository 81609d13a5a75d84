/**
 * Whatever the schema and whatever the message, every argument string the simulator writes parses to
 * JSON that Ajv accepts against the tool's `parameters`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatRequest, Tool } from '@/lib/wire/chat';
import { simulateCompletion } from './completion';
import { messages, parametersSchema, strictAjv, type Schema } from './testing/schemas';

const ajv = strictAjv();

function toolWith(name: string, parameters: Schema | undefined): Tool {
  return { type: 'function', function: { name, description: 'A generated tool', ...(parameters ? { parameters } : {}) } };
}

/** The Ajv errors of every call in a completion, empty when all arguments are valid. */
function argumentErrors(request: ChatRequest): string[] {
  const completion = simulateCompletion(request, { created: 0 });
  const calls = completion.choices[0].message.tool_calls ?? [];
  const errors: string[] = [];
  for (const call of calls) {
    const tool = request.tools?.find((candidate) => candidate.function.name === call.function.name);
    const args: unknown = JSON.parse(call.function.arguments);
    if (args === null || typeof args !== 'object' || Array.isArray(args)) errors.push(`${call.function.name}: not an object`);
    const validate = ajv.compile(tool?.function.parameters ?? {});
    if (!validate(args)) errors.push(`${call.function.name} ${call.function.arguments}: ${ajv.errorsText(validate.errors)}`);
  }
  return errors;
}

describe('generated arguments are valid against the tool schema', () => {
  it('for one generated tool under tool_choice "required" (always a call)', () => {
    let calls = 0;
    fc.assert(
      fc.property(parametersSchema(), messages, (parameters, message) => {
        const request: ChatRequest = {
          model: 'offline-simulator',
          messages: [{ role: 'user', content: message }],
          tools: [toolWith('generated_tool', parameters)],
          tool_choice: 'required',
        };
        calls += simulateCompletion(request).choices[0].message.tool_calls?.length ?? 0;
        expect(argumentErrors(request)).toEqual([]);
      }),
      { numRuns: 400, seed: 20240601 },
    );
    expect(calls).toBeGreaterThanOrEqual(400);
  });

  it('for several generated tools under "auto", parallel calls and list expansion included', () => {
    fc.assert(
      fc.property(fc.array(parametersSchema(), { minLength: 1, maxLength: 3 }), messages, fc.boolean(), (schemas, message, parallel) => {
        const names = ['get_current_weather', 'send_email', 'sql_query'];
        const request: ChatRequest = {
          model: 'offline-simulator',
          messages: [{ role: 'user', content: message }],
          tools: schemas.map((parameters, i) => toolWith(names[i], parameters)),
          tool_choice: 'auto',
          parallel_tool_calls: parallel,
        };
        expect(argumentErrors(request)).toEqual([]);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('for a random seed too (a fresh sample on every run)', () => {
    fc.assert(
      fc.property(parametersSchema(), messages, (parameters, message) => {
        expect(
          argumentErrors({
            model: 'offline-simulator',
            messages: [{ role: 'user', content: message }],
            tools: [toolWith('generated_tool', parameters)],
            tool_choice: { type: 'function', function: { name: 'generated_tool' } },
          }),
        ).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('the check itself fails on an invalid argument (the test can fail)', () => {
    const validate = ajv.compile({ type: 'object', properties: { n: { type: 'integer', maximum: 3 } }, required: ['n'] });
    expect(validate({ n: 4 })).toBe(false);
    expect(validate({})).toBe(false);
    expect(ajv.compile({ type: 'string', format: 'date' })('2024-02-30')).toBe(false);
  });
});
