/**
 * Every BFCL question in ../shared/corpus/bfcl (about 1,240 real function definitions and questions)
 * through the simulator and its careless persona: each reply is a well-formed chat completion, each
 * call names an offered function with arguments that are a JSON object, within the time a reply may take;
 * the simulator's own arguments are valid against the schema. BFCL's types are converted minimally here
 * (`dict`→object, `float`→number, `tuple`→array, `any`→no type; dots in names → `_`), not with the app's
 * importer, so this test depends on the simulator alone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkToolArguments } from '@/lib/tools/arguments';
import { chatRequestSchema, FUNCTION_NAME_PATTERN, type ChatCompletion, type ChatRequest, type Tool } from '@/lib/wire/chat';
import { CARELESS_SIMULATOR_ID, OFFLINE_SIMULATOR_ID } from '@/lib/wire/models';
import { isRecord } from '@/lib/util/json';
import { simulateChunks, simulateCompletion } from './completion';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus/bfcl');

/** One reply may take at most this long, on two busy cores. */
const MAX_REPLY_MS = 1_000;

interface BfclCase {
  id: string;
  request: ChatRequest;
  /** The expected functions' names, OpenAI-style, from possible_answer (none for irrelevance). */
  expected: string[] | null;
}

const TYPES: Record<string, string | null> = { dict: 'object', float: 'number', tuple: 'array', any: null };

/** BFCL's dialect of JSON Schema as JSON Schema, minimally. */
function convert(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(convert);
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type' && typeof value === 'string' && value in TYPES) {
      if (TYPES[value] !== null) out.type = TYPES[value];
    } else if (key === 'properties' && isRecord(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, convert(property)]));
    } else if (key === 'items' || key === 'additionalProperties') out[key] = convert(value);
    else out[key] = value;
  }
  return out;
}

const openAiName = (name: string) => name.replace(/\./g, '_');

function readCases(): Array<{ file: string; cases: BfclCase[] }> {
  const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((line) => line.trim());
  return readdirSync(CORPUS)
    .filter((file) => /^BFCL_.*\.json$/.test(file))
    .sort()
    .map((file) => {
      const answersFile = path.join(CORPUS, 'possible_answer', file);
      const answers = new Map<string, string[]>();
      if (existsSync(answersFile)) {
        for (const line of lines(answersFile)) {
          const { id, ground_truth } = JSON.parse(line) as { id: string; ground_truth: Array<Record<string, unknown>> };
          answers.set(id, ground_truth.map((call) => openAiName(Object.keys(call)[0])));
        }
      }
      const cases = lines(path.join(CORPUS, file)).map((line): BfclCase => {
        const raw = JSON.parse(line) as { id: string; question: ChatRequest['messages'][]; function: Array<{ name: string; description?: string; parameters?: unknown }> };
        const tools: Tool[] = raw.function.map((fn) => ({
          type: 'function',
          function: { name: openAiName(fn.name), description: fn.description, parameters: convert(fn.parameters) as Tool['function']['parameters'] },
        }));
        return { id: raw.id, request: { model: OFFLINE_SIMULATOR_ID, messages: raw.question[0], tools }, expected: answers.get(raw.id) ?? null };
      });
      return { file, cases };
    });
}

const completionSchema = z.object({
  id: z.string().min(1),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  choices: z
    .array(
      z.object({
        index: z.literal(0),
        message: z.object({
          role: z.literal('assistant'),
          content: z.string().max(20_000).nullable(),
          tool_calls: z
            .array(z.object({ id: z.string().min(1), type: z.literal('function'), function: z.object({ name: z.string().regex(FUNCTION_NAME_PATTERN), arguments: z.string() }) }))
            .min(1)
            .optional(),
        }),
        finish_reason: z.enum(['stop', 'length', 'tool_calls']),
      }),
    )
    .length(1),
  usage: z.object({ prompt_tokens: z.number().int().min(0), completion_tokens: z.number().int().min(1), total_tokens: z.number().int() }),
});

/** The reply's problems as a person would state them; none for a good one. */
function problemsOf(request: ChatRequest, completion: ChatCompletion): string[] {
  const parsed = completionSchema.safeParse(completion);
  if (!parsed.success) return [`not a chat completion: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`];
  const { message, finish_reason } = completion.choices[0];
  const calls = message.tool_calls ?? [];
  const problems: string[] = [];
  if ((finish_reason === 'tool_calls') !== calls.length > 0) problems.push(`finish_reason ${finish_reason} with ${calls.length} calls`);
  if (!calls.length && !message.content) problems.push('neither calls nor content');
  const names = new Set((request.tools ?? []).map((tool) => tool.function.name));
  for (const call of calls) {
    if (!names.has(call.function.name)) problems.push(`calls ${call.function.name}, which is not offered`);
    try {
      if (!isRecord(JSON.parse(call.function.arguments))) problems.push(`${call.function.name}: arguments are not a JSON object`);
    } catch {
      problems.push(`${call.function.name}: arguments are not JSON: ${call.function.arguments.slice(0, 80)}`);
    }
  }
  return problems;
}

const corpus = existsSync(CORPUS) ? readCases() : [];

describe.runIf(corpus.length > 0)('the BFCL corpus through the simulator', () => {
  it('reads every question file, with every case a valid request', () => {
    expect(corpus.map(({ file }) => file)).toEqual(expect.arrayContaining(['BFCL_v4_simple_python.json', 'BFCL_v4_parallel_multiple.json', 'BFCL_v4_irrelevance.json']));
    for (const { cases } of corpus) for (const { id, request } of cases) expect(chatRequestSchema.safeParse(request).success, id).toBe(true);
  });

  for (const model of [OFFLINE_SIMULATOR_ID, CARELESS_SIMULATOR_ID]) {
    it(`${model}: every answer is a chat completion whose calls name offered functions with JSON-object arguments, in time`, () => {
      const failures: string[] = [];
      let slowest = { id: '', ms: 0 };
      for (const { cases } of corpus) {
        for (const { id, request } of cases) {
          const asked = { ...request, model };
          const started = performance.now();
          const completion = simulateCompletion(asked, { created: 0 });
          const ms = performance.now() - started;
          if (ms > slowest.ms) slowest = { id, ms };
          for (const problem of problemsOf(asked, completion)) failures.push(`${id}: ${problem}`);
        }
      }
      expect(failures).toEqual([]);
      expect(slowest.ms, `slowest reply: ${slowest.id}`).toBeLessThan(MAX_REPLY_MS);
    }, 300_000);
  }

  it('offline-simulator: every call’s arguments are valid against the tool’s schema', async () => {
    const failures: string[] = [];
    for (const { cases } of corpus) {
      for (const { id, request } of cases) {
        for (const call of simulateCompletion(request, { created: 0 }).choices[0].message.tool_calls ?? []) {
          const check = await checkToolArguments(request.tools, call.function.name, call.function.arguments);
          if (!check.ok) failures.push(`${id} ${call.function.name}: ${check.summary}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('streams every case as chunks that reassemble to the same calls', () => {
    for (const { cases } of corpus) {
      for (const { id, request } of cases.filter((_, i) => i % 10 === 0)) {
        const plain = simulateCompletion(request, { created: 0 }).choices[0].message.tool_calls ?? [];
        const streamed = new Map<number, string>();
        for (const chunk of simulateChunks({ ...request, stream: true }, { created: 0 })) {
          for (const part of chunk.choices[0]?.delta.tool_calls ?? []) streamed.set(part.index, (streamed.get(part.index) ?? '') + (part.function?.arguments ?? ''));
        }
        expect([...streamed.values()], id).toEqual(plain.map((call) => call.function.arguments));
      }
    }
  }, 300_000);

  it('calls the function BFCL expects in most simple cases, and measures how often (see the report)', () => {
    const share = (file: string) => {
      const cases = corpus.find((entry) => entry.file === file)?.cases ?? [];
      const matched = cases.filter(({ request, expected }) => {
        const calls = simulateCompletion(request, { created: 0 }).choices[0].message.tool_calls ?? [];
        return calls.length > 0 && expected !== null && calls.every((call) => expected.includes(call.function.name));
      });
      return matched.length / Math.max(1, cases.length);
    };
    const simple = share('BFCL_v4_simple_python.json');
    const multiple = share('BFCL_v4_multiple.json');
    console.info(`BFCL: the simulator calls the expected function in ${(simple * 100).toFixed(1)}% of simple cases, ${(multiple * 100).toFixed(1)}% of multiple`);
    expect(simple).toBeGreaterThan(0.95);
    expect(multiple).toBeGreaterThan(0.9);
  }, 300_000);
});
