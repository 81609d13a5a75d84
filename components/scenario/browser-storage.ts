/**
 * The browser's localStorage when the page may use it, else a storage that lives as long as the tab
 * (reading `window.localStorage` itself throws when the browser blocks storage for the site). The
 * scenario library over it is in browser-library.ts (it brings zod, so it loads on demand).
 */
import type { StorageLike } from '@/lib/scenario/library';

function memoryStorage(): StorageLike {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

let storage: StorageLike | null = null;

export function browserStorage(): StorageLike {
  if (!storage) {
    try {
      storage = window.localStorage;
    } catch {
      storage = memoryStorage();
    }
  }
  return storage;
}

/** Reads one key; null when absent or when storage refuses. */
export function readItem(key: string): string | null {
  try {
    return browserStorage().getItem(key);
  } catch {
    return null;
  }
}

/** Writes one key; the error message when storage refuses (full, disabled), else null. */
export function writeItem(key: string, value: string): string | null {
  try {
    browserStorage().setItem(key, value);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
