/** Where a message's parts sit in the entries: each answered call's result entry, and a message's last entry. */
import type { Entry, ToolCallCard } from './state';

/**
 * For each answered call, the index of the tool entry that carries its result — what its card shows, so
 * that the result shows once. Matched as a restored conversation matches them (fromWireMessages): the
 * first tool message with the call's id after the call; a second one, or one whose call is not in the
 * conversation, is a message of its own.
 */
export function resultEntries(entries: readonly Entry[]): Map<string, number> {
  const byId = new Map<string, ToolCallCard>();
  const found = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (entry.kind === 'assistant') for (const card of entry.toolCalls) if (card.id) byId.set(card.id, card);
    if (entry.kind !== 'tool') return;
    const card = byId.get(entry.toolCallId);
    if (card && (card.state === 'approved' || card.state === 'rejected') && !found.has(card.key)) found.set(card.key, index);
  });
  return found;
}

/** The tool entries shown inside their call's card (entry key → call key). */
export function foldedResults(entries: readonly Entry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [callKey, index] of resultEntries(entries)) out.set(entries[index].key, callKey);
  return out;
}

/** The last entry that belongs to the message at `index`: itself, or its calls' last result. */
export function messageExtent(entries: readonly Entry[], index: number, results = resultEntries(entries)): number {
  const entry = entries[index];
  if (entry?.kind !== 'assistant') return index;
  return Math.max(index, ...entry.toolCalls.map((card) => results.get(card.key) ?? -1));
}
