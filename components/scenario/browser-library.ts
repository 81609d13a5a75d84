/**
 * The scenario library over the browser's shared storage, made once per page, and word of its
 * changes: from this tab (after each write here) and from the others (the `storage` event), so that
 * an open Library dialog lists what another tab just saved.
 */
import { createScenarioLibrary, LIBRARY_KEY, type ScenarioLibrary } from '@/lib/scenario/library';
import { sharedStorage } from './browser-storage';

let library: ScenarioLibrary | null = null;
const listeners = new Set<() => void>();
/** Counts the Library's changes: a snapshot for useSyncExternalStore. */
let version = 0;

function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

export function browserLibrary(): ScenarioLibrary {
  if (!library) {
    const storage = sharedStorage();
    library = createScenarioLibrary({
      getItem: (key) => storage.getItem(key),
      removeItem: (key) => storage.removeItem(key),
      setItem: (key, value) => {
        storage.setItem(key, value);
        if (key === LIBRARY_KEY) queueMicrotask(changed);
      },
    });
    window.addEventListener('storage', (event) => {
      if (event.key === LIBRARY_KEY || event.key === null) changed();
    });
  }
  return library;
}

/** Calls `listener` whenever the Library changes, in this tab or another; returns the unsubscribe. */
export function onLibraryChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** A number that changes whenever the Library does. */
export function libraryVersion(): number {
  return version;
}
