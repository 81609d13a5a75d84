/**
 * A user turn as its expectations judge it: every tool call the model made after the person's message,
 * up to their next one (with parallel calls off, one per answer, over several answers), and the final
 * answer — the reply with no calls that ends the turn; null while it has not come.
 */
import type { AssistantEntry, Entry, ToolCallCard } from './state';

export interface Turn {
  /** The user message's index in the entries. */
  at: number;
  /** The calls made, in order (those still streaming or cut off are not calls yet). */
  cards: ToolCallCard[];
  /** The final answer's text; null until it has come. */
  answer: string | null;
  /** The turn's replies so far; the last one is where its verdict shows. */
  replies: AssistantEntry[];
}

/** The turn that starts at the user message `at`. */
export function turnAt(entries: readonly Entry[], at: number): Turn {
  const replies: AssistantEntry[] = [];
  for (let i = at + 1; i < entries.length && entries[i].kind !== 'user'; i++) {
    const entry = entries[i];
    if (entry.kind === 'assistant') replies.push(entry);
  }
  const cards = replies.flatMap((reply) => reply.toolCalls.filter((card) => card.state !== 'streaming' && card.state !== 'incomplete'));
  const last = replies.at(-1);
  const answer = last && last.status !== 'streaming' && last.toolCalls.length === 0 ? (last.content ?? '') : null;
  return { at, cards, answer, replies };
}

/** Every user turn that carries an expectation, by its user message's index. */
export function expectedTurns(entries: readonly Entry[]): Turn[] {
  return entries.flatMap((entry, i) => (entry.kind === 'user' && entry.expect ? [turnAt(entries, i)] : []));
}
