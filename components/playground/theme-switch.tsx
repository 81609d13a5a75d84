'use client';

/**
 * The theme switch: system, light or dark, saved in this browser (components/ui/theme.ts). Three
 * radio buttons named "System theme", "Light theme" and "Dark theme" in a group named "Theme", shown
 * as icons; arrows move between them as in any radio group.
 */
import { useId } from 'react';
import type { ThemeChoice } from '@/components/ui/theme';
import { setThemeChoice, useThemeChoice } from '@/components/ui/use-color-scheme';

const CHOICES: Array<{ value: ThemeChoice; label: string; icon: string }> = [
  { value: 'system', label: 'System theme', icon: 'M3 4.5h14v9H3zM7.5 16.5h5M10 13.5v3' },
  { value: 'light', label: 'Light theme', icon: 'M10 6.5a3.5 3.5 0 110 7 3.5 3.5 0 010-7zM10 2.5v1.5M10 16v1.5M2.5 10H4M16 10h1.5M4.7 4.7l1 1M14.3 14.3l1 1M4.7 15.3l1-1M14.3 5.7l1-1' },
  { value: 'dark', label: 'Dark theme', icon: 'M15.5 12.5A6.5 6.5 0 017.5 4.5a6.5 6.5 0 108 8z' },
];

export function ThemeSwitch() {
  const name = useId();
  const choice = useThemeChoice();
  return (
    <div role="radiogroup" aria-label="Theme" className="flex items-center rounded-md border border-zinc-200 p-0.5 dark:border-zinc-700">
      {CHOICES.map((option) => (
        <label
          key={option.value}
          title={option.label}
          className="relative flex size-6 cursor-pointer items-center justify-center rounded text-zinc-600 hover:text-zinc-900 has-checked:bg-zinc-200 has-checked:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100 dark:has-checked:bg-zinc-700 dark:has-checked:text-zinc-50"
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={choice === option.value}
            onChange={() => setThemeChoice(option.value)}
            aria-label={option.label}
            // The input itself covers the button, so a click or a tap lands on it; the icon shows through.
            className="absolute inset-0 size-full cursor-pointer appearance-none rounded"
          />
          <svg aria-hidden viewBox="0 0 20 20" className="pointer-events-none size-3.5">
            <path d={option.icon} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </label>
      ))}
    </div>
  );
}
