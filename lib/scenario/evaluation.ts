/**
 * What a scenario keeps of its evaluation, without zod (the store uses it when a run ends, the page
 * from its first paint on): the scorecard bounded for the browser's storage.
 */
import type { Scorecard } from '@/lib/evaluate/types';

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

