/**
 * Keeps the open work as it changes: a short while after the last change, and at most a second after
 * the first of a run of changes (a streaming reply changes the state many times a second), so that a
 * reload or a crash loses at most a second; `flush` writes at once (the page calls it on `pagehide`).
 * `hold` writes at once and then writes nothing for a while: the page calls it when it is about to be
 * unloaded, so that what the unload itself does (the browser cuts the reply in flight, which looks
 * like a network failure) is not kept as if it had happened: the call comes back as interrupted.
 */
import type { PlaygroundState, PlaygroundStore } from './playground-store';

export interface KeepWorkOptions {
  /** Writes the work as it stands (the caller serializes it and reports a refusal). */
  write: (work: PlaygroundState) => void;
  /** Quiet time after a change before writing. */
  quietMs?: number;
  /** Longest a change waits, however busy the store is. */
  maxWaitMs?: number;
  /** How long `hold` keeps writes back (if the page is still there then, writing resumes). */
  holdMs?: number;
}

/** The parts of the state that are the work (the lint, for one, is not: it follows from the text). */
const WORK_PARTS = ['settings', 'conversations', 'order', 'session'] as const;

function changed(a: PlaygroundState, b: PlaygroundState): boolean {
  return WORK_PARTS.some((part) => a[part] !== b[part]) || a.tools.text !== b.tools.text;
}

export function keepWork(store: PlaygroundStore, { write, quietMs = 250, maxWaitMs = 1000, holdMs = 3000 }: KeepWorkOptions) {
  let quiet: ReturnType<typeof setTimeout> | null = null;
  let deadline: ReturnType<typeof setTimeout> | null = null;
  let held: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (held || (quiet === null && deadline === null)) return;
    if (quiet) clearTimeout(quiet);
    if (deadline) clearTimeout(deadline);
    quiet = deadline = null;
    write(store.getState());
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (!changed(state, previous)) return;
    if (quiet) clearTimeout(quiet);
    quiet = setTimeout(flush, quietMs);
    deadline ??= setTimeout(flush, maxWaitMs);
  });

  return {
    flush,
    hold() {
      flush();
      if (held) clearTimeout(held);
      held = setTimeout(() => {
        held = null;
        flush();
      }, holdMs);
    },
    /** Writes what is pending, then stops. */
    stop() {
      flush();
      unsubscribe();
    },
  };
}
