/**
 * The theme switch's choice (system, light or dark), kept per browser in localStorage and applied as
 * `data-theme` on <html>: app/globals.css makes Tailwind's `dark:` follow it, and "system" (no
 * attribute) follow the media query. THEME_SCRIPT runs inline in <head> (app/layout.tsx, with the
 * page's CSP nonce) before the first paint, so a reload never flashes the other theme.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_STORAGE_KEY = 'playground-theme';

/** Anything else in storage (another app's value, a hand edit) is "system". */
export function themeChoiceOf(value: unknown): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** Sets what <html> shows; "system" removes the attribute so the media query decides. */
export function applyThemeChoice(root: HTMLElement, choice: ThemeChoice): void {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

// Kept to what themeChoiceOf and applyThemeChoice do; storage may be off (private mode, a policy).
export const THEME_SCRIPT = `try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;
