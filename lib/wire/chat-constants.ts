/**
 * The wire format's limits and name rules, and `contentText`: the parts of lib/wire/chat.ts the page needs
 * at first paint. Kept free of zod so the page can load the schemas (lib/wire/chat.ts) only when it checks
 * something; lib/wire/chat.ts re-exports all of this.
 */
import type { ChatMessage } from './chat';

export const LIMITS = {
  /** Per request: what one model call may carry. */
  maxMessages: 256,
  /** Per saved or shared scenario: a long session may outgrow one request and still be kept and shown. */
  maxScenarioMessages: 2_000,
  maxTools: 128,
  maxBodyBytes: 1_000_000,
  maxMaxTokens: 32_768,
} as const;

/** OpenAI's rule for function names. */
export const FUNCTION_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
/** Provider model ids: `gpt-4o`, `openai/gpt-4.1-2025-04-14`, `Qwen/Qwen3-235B-A22B-fp8-tput`, `llama3.1:8b`. */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$/;

/** Text of a message's content, whichever of the two shapes it has. */
export function contentText(content: ChatMessage['content'] | null | undefined): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
