/**
 * The Chat Completions wire format as this app speaks it: the zod schema every request body passes
 * through (HTTP route, simulator, scenario import), and the response types shared by the proxy, the
 * simulator and the page. Mirrors OpenAI's published schema for the fields function calling uses;
 * unknown top-level fields are dropped rather than forwarded.
 */
import { z } from 'zod';
import { FUNCTION_NAME_PATTERN, LIMITS, MODEL_ID_PATTERN } from './chat-constants';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth';

// Zod-free, in their own module so that the page can use them without loading zod.
export { contentText, FUNCTION_NAME_PATTERN, LIMITS, MODEL_ID_PATTERN } from './chat-constants';

const textPart = z.object({ type: z.literal('text'), text: z.string() });
const imagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.object({ url: z.string(), detail: z.enum(['auto', 'low', 'high']).optional() }),
});
const contentParts = z.array(z.union([textPart, imagePart])).max(64);
const textContent = z.union([z.string(), z.array(textPart).max(64)]);

export const toolCallSchema = z.object({
  id: z.string().max(256),
  type: z.literal('function'),
  function: z.object({ name: z.string().max(256), arguments: z.string() }),
});

export const messageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: textContent, name: z.string().max(256).optional() }),
  z.object({ role: z.literal('developer'), content: textContent, name: z.string().max(256).optional() }),
  z.object({
    role: z.literal('user'),
    content: z.union([z.string(), contentParts]),
    name: z.string().max(256).optional(),
  }),
  z.object({
    role: z.literal('assistant'),
    content: textContent.nullable().optional(),
    refusal: z.string().nullable().optional(),
    name: z.string().max(256).optional(),
    tool_calls: z.array(toolCallSchema).max(LIMITS.maxTools).optional(),
    /** A reasoning model's thinking (DeepSeek R1 and V3.x, Qwen QwQ; `reasoning` from some aggregators is read into it). */
    reasoning_content: z.string().nullable().optional(),
  }),
  z.object({ role: z.literal('tool'), content: textContent, tool_call_id: z.string().max(256) }),
]);

export const toolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().regex(FUNCTION_NAME_PATTERN, 'must match ^[a-zA-Z0-9_-]{1,64}$'),
    description: z.string().max(10_000).optional(),
    // Free JSON: bounded in depth before anything walks it (the SDK's JSON.stringify, Ajv, the simulator).
    // Taken as it is, not rebuilt key by key: a rebuilt object would lose an own `__proto__` key.
    parameters: z
      .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'must be a JSON object')
      .refine((value) => !nestedDeeperThan(value, MAX_JSON_DEPTH), `is nested deeper than ${MAX_JSON_DEPTH} levels (a JSON Schema needs far fewer)`)
      .optional(),
    strict: z.boolean().nullable().optional(),
  }),
});

export const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string().regex(FUNCTION_NAME_PATTERN) }) }),
]);

/** JSON Schema object for `response_format: json_schema`, bounded in depth like a tool's parameters. */
const jsonSchemaObject = z
  .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'must be a JSON object')
  .refine((value) => !nestedDeeperThan(value, MAX_JSON_DEPTH), `is nested deeper than ${MAX_JSON_DEPTH} levels`);

export const responseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().regex(FUNCTION_NAME_PATTERN, 'must match ^[a-zA-Z0-9_-]{1,64}$'),
      description: z.string().max(10_000).optional(),
      schema: jsonSchemaObject.optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);

export const chatRequestSchema = z.object({
  model: z.string().regex(MODEL_ID_PATTERN, 'must be a model id such as gpt-4o or openai/gpt-4.1-2025-04-14'),
  messages: z.array(messageSchema).min(1).max(LIMITS.maxMessages),
  tools: z.array(toolSchema).max(LIMITS.maxTools).optional(),
  tool_choice: toolChoiceSchema.optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: responseFormatSchema.optional(),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.number().int().min(1).optional(),
  max_completion_tokens: z.number().int().min(1).optional(),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).optional(),
  seed: z.number().int().optional(),
  user: z.string().max(256).optional(),
});

export type ChatMessage = z.infer<typeof messageSchema>;
export type ToolCall = z.infer<typeof toolCallSchema>;
export type Tool = z.infer<typeof toolSchema>;
export type ToolChoice = z.infer<typeof toolChoiceSchema>;
export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ResponseFormat = z.infer<typeof responseFormatSchema>;

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: { role: 'assistant'; content: string | null; refusal?: string | null; tool_calls?: ToolCall[]; reasoning_content?: string | null };
    finish_reason: FinishReason;
    logprobs: null;
  }>;
  usage?: Usage;
  system_fingerprint?: string | null;
}

export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: { role?: 'assistant'; content?: string | null; refusal?: string | null; tool_calls?: ToolCallDelta[]; reasoning_content?: string | null };
    finish_reason: FinishReason | null;
    logprobs?: null;
  }>;
  usage?: Usage | null;
  system_fingerprint?: string | null;
}

/** Zod issues as one sentence that names each field, e.g. `messages.0.role: Invalid input`. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}
