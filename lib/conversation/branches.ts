/**
 * Alternative answers, as ChatGPT and the OpenAI Playground keep them: Regenerate sends the same request
 * again and keeps the old answer — with everything that followed it — as another version of the tail
 * from that point on; "‹ 2 / 3 ›" swaps the tail. The shown version is always the live tail of the
 * conversation's entries, so every request, the inspector and the scenario's `messages` see only it;
 * the others wait in `ConversationState.branches` (and in the scenario's optional `alternatives`).
 *
 * A version holds the branches inside its tail, counted from the tail's first entry, so a tail moves
 * whole when it is swapped out and back in, however the conversation before it changes meanwhile. Pure
 * functions of the state; the reducer (edits.ts) decides when they run.
 *
 * Bounds (the same ones the scenario's zod applies to what it reads, so that what the page keeps is what
 * a reload reads back): at most MAX_VERSIONS answers at one point (the oldest is dropped past it),
 * branches nested at most MAX_BRANCH_DEPTH deep, and at most MAX_STORED_ENTRIES entries in all the
 * versions not shown (the oldest versions go first).
 */
import type { Branch, BranchVersion, ConversationState, Entry } from './state';

export const MAX_VERSIONS = 20;
export const MAX_BRANCH_DEPTH = 6;
export const MAX_STORED_ENTRIES = 2_000;

/** How many versions a branch has, the shown one included. */
export function versionCount(branch: Branch): number {
  return branch.others.length + 1;
}

/** The live tail from `at` as a version: its entries and the branches inside it, made relative. */
export function tailVersion(state: Pick<ConversationState, 'entries' | 'branches'>, at: number): BranchVersion {
  return {
    entries: state.entries.slice(at),
    branches: state.branches.filter((branch) => branch.at > at).map((branch) => ({ ...branch, at: branch.at - at })),
  };
}

function isEmptyVersion(version: BranchVersion): boolean {
  return version.entries.length === 0 && version.branches.length === 0;
}

/**
 * The conversation cut to the entries before `at`, its tail kept as a version of the branch at `at`
 * (made if there was none), and room for a new version, the shown one, after the others. An empty tail
 * (a regenerated answer that failed before any of it arrived) is not kept: there is nothing to go back to.
 */
export function keepTailAsVersion(state: Pick<ConversationState, 'entries' | 'branches'>, at: number): Pick<ConversationState, 'entries' | 'branches'> {
  const tail = tailVersion(state, at);
  const before = state.branches.filter((branch) => branch.at < at);
  const existing = state.branches.find((branch) => branch.at === at);
  let others = existing ? [...existing.others] : [];
  if (!isEmptyVersion(tail)) others.splice(existing ? existing.current : 0, 0, tail);
  if (others.length > MAX_VERSIONS - 1) others = others.slice(others.length - (MAX_VERSIONS - 1));
  const branches = others.length ? [...before, { at, current: others.length, others }] : before;
  return { entries: state.entries.slice(0, at), branches: bounded(branches) };
}

/**
 * The branch at `at` showing its version `index` instead: the live tail goes back among the others
 * (unless it is empty), the chosen one becomes the live tail with its own branches. Null when there is
 * no such branch or version.
 */
export function showVersion(
  state: Pick<ConversationState, 'entries' | 'branches'>,
  at: number,
  index: number,
): Pick<ConversationState, 'entries' | 'branches'> | null {
  const branch = state.branches.find((b) => b.at === at);
  if (!branch || index === branch.current || !Number.isInteger(index) || index < 0 || index >= versionCount(branch)) return null;
  const all = [...branch.others];
  all.splice(branch.current, 0, tailVersion(state, at));
  const chosen = all[index];
  const others = all.filter((version, i) => i !== index && !isEmptyVersion(version));
  const current = all.slice(0, index).filter((version) => !isEmptyVersion(version)).length;
  const before = state.branches.filter((b) => b.at < at);
  const inside = chosen.branches.map((b) => ({ ...b, at: b.at + at }));
  return {
    entries: [...state.entries.slice(0, at), ...chosen.entries],
    branches: bounded([...before, ...(others.length ? [{ at, current, others }] : []), ...inside]),
  };
}

/** The branches after the entries at `removed` (sorted indexes) are taken out: each moves back; two that meet keep the first. */
export function branchesAfterRemoval(branches: readonly Branch[], removed: readonly number[]): Branch[] {
  const out: Branch[] = [];
  for (const branch of branches) {
    const at = branch.at - removed.filter((index) => index < branch.at).length;
    if (out.at(-1)?.at === at) continue;
    out.push(at === branch.at ? branch : { ...branch, at });
  }
  return out;
}

/** The branches that start within the first `length` entries (a conversation cut to that length keeps these). */
export function branchesWithin(branches: readonly Branch[], length: number): Branch[] {
  return branches.filter((branch) => branch.at < length);
}

/** Every entry kept in the versions not shown, however deep. */
export function storedEntryCount(branches: readonly Branch[]): number {
  let count = 0;
  for (const branch of branches) for (const version of branch.others) count += version.entries.length + storedEntryCount(version.branches);
  return count;
}

function limitDepth(branches: readonly Branch[], depth: number): Branch[] {
  if (depth <= 0) return [];
  return branches.map((branch) => ({
    ...branch,
    others: branch.others.map((version) => ({ ...version, branches: limitDepth(version.branches, depth - 1) })),
  }));
}

/** Within the bounds: nested at most MAX_BRANCH_DEPTH deep, at most MAX_STORED_ENTRIES entries kept aside (oldest versions dropped first). */
export function bounded(branches: Branch[]): Branch[] {
  let out = limitDepth(branches, MAX_BRANCH_DEPTH);
  while (storedEntryCount(out) > MAX_STORED_ENTRIES && out.length) {
    const [first, ...rest] = out;
    const others = first.others.slice(1);
    const current = Math.max(0, first.current - 1);
    out = others.length ? [{ ...first, others, current }, ...rest] : rest;
  }
  return out;
}

/** Every entry of the branches' stored versions, however deep (to find the model calls they came from). */
export function storedEntries(branches: readonly Branch[]): Entry[] {
  return branches.flatMap((branch) => branch.others.flatMap((version) => [...version.entries, ...storedEntries(version.branches)]));
}
