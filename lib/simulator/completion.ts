/**
 * The simulator's replies in the Chat Completions wire format: one `chat.completion`, or the same reply
 * as `chat.completion.chunk`s that reassemble to it exactly. Ids derive from the request, so the same
 * request always gets the same completion; only `created` follows the clock.
 */
import type { ChatCompletion, ChatCompletionChunk, ChatRequest, ToolCall, Usage } from '@/lib/wire/chat';
import { hashText } from '@/lib/util/hash';
import { canonicalJson } from '@/lib/util/json';
import { estimateTokens, planReply, type Reply } from './reply';

export const SYSTEM_FINGERPRINT = 'fp_offline_simulator';

export interface SimulateOptions {
  /** Unix seconds for `created`; defaults to now. */
  created?: number;
}

interface Prepared {
  id: string;
  created: number;
  model: string;
  reply: Reply;
  toolCalls: ToolCall[];
  usage: Usage;
}

function prepare(request: ChatRequest, options: SimulateOptions): Prepared {
  const { stream: _stream, stream_options: _streamOptions, ...essence } = request;
  const hash = hashText(canonicalJson(essence));
  const reply = planReply(request);
  const toolCalls: ToolCall[] = reply.calls.map((call, i) => ({
    id: `call_${hash.slice(0, 12)}_${i + 1}`,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
  const prompt = estimateTokens(canonicalJson({ messages: request.messages, tools: request.tools ?? [] }));
  const written = (reply.content ?? '') + reply.calls.map((call) => call.name + call.arguments).join('');
  const completion = Math.max(1, estimateTokens(written));
  return {
    id: `chatcmpl-sim-${hash}`,
    created: options.created ?? Math.floor(Date.now() / 1000),
    model: request.model,
    reply,
    toolCalls,
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

/** The reply as one `chat.completion`. Throws `SimulatorRequestError` for a request the API would refuse. */
export function simulateCompletion(request: ChatRequest, options: SimulateOptions = {}): ChatCompletion {
  const { id, created, model, reply, toolCalls, usage } = prepare(request, options);
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.content, refusal: null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
        finish_reason: reply.finishReason,
        logprobs: null,
      },
    ],
    usage,
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/**
 * The same reply as stream chunks: the role first, text in word groups (a JSON answer in short pieces, as
 * arguments are), each tool call opened with its id and name and its arguments spread over two or more
 * deltas, the finish reason, and a usage chunk (`choices: []`) only when `stream_options.include_usage`
 * asks for it.
 */
export function simulateChunks(request: ChatRequest, options: SimulateOptions = {}): ChatCompletionChunk[] {
  const { id, created, model, reply, toolCalls, usage } = prepare(request, options);
  const includeUsage = request.stream_options?.include_usage === true;
  const chunk = (choices: ChatCompletionChunk['choices']): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices,
    ...(includeUsage ? { usage: null } : {}),
    system_fingerprint: SYSTEM_FINGERPRINT,
  });
  const delta = (value: ChatCompletionChunk['choices'][number]['delta']) =>
    chunk([{ index: 0, delta: value, finish_reason: null, logprobs: null }]);

  const chunks = [delta({ role: 'assistant', content: reply.content === null ? null : '', refusal: null })];
  if (reply.content) {
    for (const piece of reply.json ? argumentPieces(reply.content) : wordGroups(reply.content, 3)) chunks.push(delta({ content: piece }));
  }
  toolCalls.forEach((call, index) => {
    chunks.push(delta({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] }));
    for (const piece of argumentPieces(call.function.arguments)) {
      chunks.push(delta({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  chunks.push(chunk([{ index: 0, delta: {}, finish_reason: reply.finishReason, logprobs: null }]));
  if (includeUsage) chunks.push({ ...chunk([]), usage });
  return chunks;
}

/** Groups of `size` words, each keeping its trailing whitespace, so the pieces join back exactly. */
function wordGroups(text: string, size: number): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [text];
  const groups: string[] = [];
  for (let i = 0; i < words.length; i += size) groups.push(words.slice(i, i + size).join(''));
  return groups;
}

/** At least two pieces of at most 16 characters, as models stream arguments. */
function argumentPieces(json: string): string[] {
  const size = Math.max(1, Math.min(16, Math.ceil(json.length / 2)));
  const pieces: string[] = [];
  for (let i = 0; i < json.length; i += size) pieces.push(json.slice(i, i + size));
  return pieces;
}
