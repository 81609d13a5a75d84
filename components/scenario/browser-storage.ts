/**
 * The browser's storages when the page may use them, else storages that live as long as the tab
 * (reading `window.localStorage` itself throws when the browser blocks storage for the site):
 * `sharedStorage` (localStorage: the Library, the last work of any tab) and `tabStorage`
 * (sessionStorage: this tab's own work, which survives a reload).
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

function open(which: 'localStorage' | 'sessionStorage'): StorageLike {
  try {
    return window[which];
  } catch {
    return memoryStorage();
  }
}

let shared: StorageLike | null = null;
let tab: StorageLike | null = null;

export function sharedStorage(): StorageLike {
  shared ??= open('localStorage');
  return shared;
}

export function tabStorage(): StorageLike {
  tab ??= open('sessionStorage');
  return tab;
}
