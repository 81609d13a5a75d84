'use client';

import { useSyncExternalStore } from 'react';
import { applyThemeChoice, THEME_STORAGE_KEY, themeChoiceOf, type ThemeChoice } from './theme';

const QUERY = '(prefers-color-scheme: dark)';

/** Who to tell when the choice changes in this tab (another tab's change arrives as a `storage` event). */
const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  try {
    return themeChoiceOf(localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return themeChoiceOf(document.documentElement.dataset.theme);
  }
}

function subscribe(onChange: () => void) {
  const media = window.matchMedia(QUERY);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== THEME_STORAGE_KEY && event.key !== null) return;
    applyThemeChoice(document.documentElement, readChoice());
    onChange();
  };
  media.addEventListener('change', onChange);
  window.addEventListener('storage', onStorage);
  listeners.add(onChange);
  return () => {
    media.removeEventListener('change', onChange);
    window.removeEventListener('storage', onStorage);
    listeners.delete(onChange);
  };
}

/** Saves the choice for this browser and shows it at once, in every part of the page that follows it. */
export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage is off: the choice lasts until the page is closed.
  }
  applyThemeChoice(document.documentElement, choice);
  for (const listener of listeners) listener();
}

/** The theme switch's choice; "system" while rendering on the server. */
export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, readChoice, () => 'system');
}

/** Whether the page is dark now: the choice, or the system's setting under "system" (Monaco follows this). */
export function usePrefersDark(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => {
      const choice = readChoice();
      return choice === 'system' ? window.matchMedia(QUERY).matches : choice === 'dark';
    },
    () => false,
  );
}
