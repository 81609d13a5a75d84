/**
 * `Complete` over lib/wire/chat-client's `streamChat`: the page's way of calling a model (through the
 * app's own route), and the command line's (the same client over its base URL and key). Assembles the
 * streamed chunks into the assistant's message, times the first token and the whole call, and maps a
 * failure to its status, its message and the server's Retry-After.
 */
import type { ChatCompletionChunk, ToolCall, Usage } from '@/lib/wire/chat';
import { isChatError, type streamChat as StreamChat } from '@/lib/wire/chat-client';
import { parseRetryAfter, type Complete } from './complete';

export interface StreamCompleteOptions {
  /** Where the chat completions are (default the app's own route). */
  url?: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Most tool calls one reply may carry before the rest are ignored (a hostile stream could send indexes without end). */
const MAX_TOOL_CALLS = 128;

/** Streamed deltas, put together in order. */
export class MessageAssembler {
  content = '';
  hasContent = false;
  usage: Usage | null = null;
  private calls = new Map<number, ToolCall>();

  /** Whether the chunk carried tokens (content or a tool call), for the time to the first token. */
  push(chunk: ChatCompletionChunk): boolean {
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices?.find((c) => c.index === 0) ?? chunk.choices?.[0];
    const delta = choice?.delta;
    if (!delta) return false;
    if (typeof delta.content === 'string' && delta.content !== '') {
      this.content += delta.content;
      this.hasContent = true;
    }
    for (const part of delta.tool_calls ?? []) {
      const index = typeof part.index === 'number' ? part.index : this.calls.size;
      let call = this.calls.get(index);
      if (!call) {
        if (this.calls.size >= MAX_TOOL_CALLS) continue;
        call = { id: '', type: 'function', function: { name: '', arguments: '' } };
        this.calls.set(index, call);
      }
      // The wire format's bounds (lib/wire/chat.ts), so the conversation as run can be saved and shared.
      call.id ||= (part.id ?? '').slice(0, 256);
      call.function.name ||= (part.function?.name ?? '').slice(0, 256);
      call.function.arguments += part.function?.arguments ?? '';
    }
    return Boolean(delta.content || delta.refusal || delta.tool_calls?.length);
  }

  message(): { content: string | null; tool_calls?: ToolCall[] } {
    const calls = [...this.calls].sort(([a], [b]) => a - b).map(([index, call]) => ({ ...call, id: call.id || `call_${index}` }));
    return { content: this.hasContent ? this.content : null, ...(calls.length > 0 ? { tool_calls: calls } : {}) };
  }
}

export function completeWithStreamChat(stream: typeof StreamChat, options: StreamCompleteOptions = {}): Complete {
  const now = options.now ?? (() => performance.now());
  // A tenth of a millisecond is finer than any two runs agree on.
  const ms = (value: number) => Math.round(value * 10) / 10;
  return async (model, request, signal) => {
    const started = now();
    const assembler = new MessageAssembler();
    let firstToken: number | null = null;
    let retryAfter: string | null = null;
    const result = await stream(
      { ...request, model, stream: true, stream_options: { include_usage: true } },
      {
        signal,
        url: options.url,
        fetch: options.fetch,
        onChunk: (chunk) => {
          if (assembler.push(chunk) && firstToken === null) firstToken = ms(now() - started);
        },
        onResponse: ({ headers }) => {
          retryAfter = headers['retry-after'] ?? null;
        },
      },
    );
    if (isChatError(result)) {
      return { ok: false, status: result.status, message: result.message, retry_after_ms: parseRetryAfter(retryAfter, Date.now()) };
    }
    return { ok: true, message: assembler.message(), usage: assembler.usage, first_token_ms: firstToken, total_ms: ms(now() - started) };
  };
}
