import type { Config } from 'tailwindcss';

// Tailwind v4 reads this through `@config` in app/globals.css; v4 scans sources itself (see `@source` there).
// Dark mode is the `dark` custom variant there: it follows the theme switch.
export default {
  theme: {
    extend: {
      fontFamily: {
        sans: ['ui-sans-serif', 'system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'Helvetica Neue', 'Arial', 'sans-serif'],
        mono: ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', 'DejaVu Sans Mono', 'monospace'],
      },
    },
  },
} satisfies Config;
