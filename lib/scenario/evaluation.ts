/**
 * What a scenario keeps of its evaluation, without zod (the store uses it from the page's first paint
 * on): the scorecard bounded for the browser's storage, and the turn a test case tests.
 */
import type { Scorecard } from '@/lib/evaluate/types';
import type { ChatMessage } from '@/lib/wire/chat';

/** Where the last user message is (the turn a test case tests), or -1. */
export function lastUserIndex(messages: readonly ChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].role === 'user') return i;
  return -1;
}

/**
 * Most characters the scorecard's per-case conversations may take as JSON (they are what "Open as
 * conversation" shows; a browser's storage holds about 5 MB in all): past it, the later cases keep
 * their verdicts, calls and reasons, not their conversations.
 */
export const MAX_SCORECARD_CONVERSATION_CHARS = 1_000_000;

/** A scorecard with at most MAX_SCORECARD_CONVERSATION_CHARS of case conversations, in case order. */
export function boundScorecard(scorecard: Scorecard): Scorecard {
  let chars = MAX_SCORECARD_CONVERSATION_CHARS;
  let dropped = false;
  const models = scorecard.models.map((score) => ({
    ...score,
    cases: score.cases.map((result) => {
      if (!result.messages) return result;
      const size = JSON.stringify(result.messages).length;
      if (size <= chars) {
        chars -= size;
        return result;
      }
      dropped = true;
      const { messages: _left, ...rest } = result;
      return rest;
    }),
  }));
  return dropped ? { ...scorecard, models } : scorecard;
}

