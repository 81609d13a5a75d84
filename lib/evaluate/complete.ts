/**
 * The one thing the runner needs of a model: `Complete`, one chat completion to its end, as a value.
 * The page adapts lib/wire/chat-client's `streamChat` to it (stream-complete.ts), the command line the
 * same over its base URL, tests a fake. Kept apart from run.ts so each side imports only the shapes.
 */
import type { ChatRequest, ToolCall, Usage } from '@/lib/wire/chat';

export type CompletionOutcome =
  | {
      ok: true;
      message: { content: string | null; tool_calls?: ToolCall[] };
      usage: Usage | null;
      /** From sending the request to the first content or tool call delta; null when none came (or not streamed). */
      first_token_ms: number | null;
      total_ms: number;
    }
  | {
      ok: false;
      /** The HTTP status (or the one an error event carried); null for a network failure or a cut stream. */
      status: number | null;
      message: string;
      /** The server's Retry-After, in ms from now, when it sent one. */
      retry_after_ms: number | null;
    };

/** One model call; `signal` aborts it (the outcome then does not matter: the runner drops the case). */
export type Complete = (model: string, request: ChatRequest, signal: AbortSignal) => Promise<CompletionOutcome>;

/** Retry-After as ms from `now`: delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) * 1_000;
  if (text === '' || !/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
