import 'server-only';
/** What every request adaptation rule (adapt-request.ts, adapt-messages.ts, adapt-params.ts) is, and their shared helpers. */
import type { ChatMessage, ChatRequest } from '@/lib/wire/chat';

/** One rule's change: the request it sends instead, and what it did, in words. */
export interface RuleResult {
  request: ChatRequest;
  message: string;
}

/** A rule: null when the request is already fine for the provider. */
export interface Rule {
  rule: string;
  apply: (request: ChatRequest) => RuleResult | null;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Up to `max` items, then "and N more". */
export function listed(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** The request with `reasoning_content` removed from the assistant messages `drop` picks; null when none had it. */
export function withoutReasoning(request: ChatRequest, drop: (message: ChatMessage, index: number) => boolean): { request: ChatRequest; dropped: number } | null {
  let dropped = 0;
  const messages = request.messages.map((message, i) => {
    if (message.role !== 'assistant' || !('reasoning_content' in message) || !drop(message, i)) return message;
    dropped += 1;
    const { reasoning_content: _reasoning, ...rest } = message;
    return rest;
  });
  return dropped ? { request: { ...request, messages }, dropped } : null;
}
