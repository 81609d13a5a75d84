/**
 * The few visual primitives every panel shares: buttons, panel headings, badges, the close ×. Styling
 * lives here so the panels stay about what they show.
 */
import type { ComponentProps, ReactNode } from 'react';

type Variant = 'primary' | 'secondary' | 'ghost' | 'approve' | 'reject';

const VARIANTS: Record<Variant, string> = {
  primary:
    'bg-indigo-600 text-white shadow-sm hover:bg-indigo-500 disabled:bg-indigo-600/40 dark:bg-indigo-500 dark:hover:bg-indigo-400 dark:disabled:bg-indigo-500/30 dark:disabled:text-white/60',
  secondary:
    'border border-zinc-300 bg-white text-zinc-800 shadow-xs hover:bg-zinc-50 disabled:text-zinc-400 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100 dark:hover:bg-zinc-700 dark:disabled:text-zinc-500',
  ghost:
    'text-zinc-600 hover:bg-zinc-200/70 hover:text-zinc-900 disabled:text-zinc-400 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100',
  // emerald-700: white on emerald-600 is 3.7:1, under the 4.5:1 small text needs.
  approve:
    'bg-emerald-700 text-white shadow-sm hover:bg-emerald-600 disabled:bg-emerald-700/40 dark:bg-emerald-700 dark:hover:bg-emerald-600',
  reject:
    'border border-zinc-300 bg-white text-rose-700 hover:border-rose-300 hover:bg-rose-50 dark:border-zinc-700 dark:bg-zinc-800 dark:text-rose-300 dark:hover:border-rose-800 dark:hover:bg-rose-950/60',
};

export function Button({
  variant = 'secondary',
  size = 'md',
  className = '',
  type = 'button',
  ...props
}: ComponentProps<'button'> & { variant?: Variant; size?: 'sm' | 'md' }) {
  const sizing = size === 'sm' ? 'h-7 px-2.5 text-xs' : 'h-9 px-3.5 text-sm';
  return (
    <button
      type={type}
      className={`inline-flex shrink-0 items-center justify-center gap-1.5 rounded-md font-medium transition-colors disabled:cursor-not-allowed ${sizing} ${VARIANTS[variant]} ${className}`}
      {...props}
    />
  );
}

/** A panel's title row; `id` lets the panel's landmark take its name from the heading. */
export function PanelHeading({ id, title, children, hint }: { id?: string; title: string; children?: ReactNode; hint?: ReactNode }) {
  return (
    <div className="flex min-h-11 items-center gap-2 border-b border-zinc-200 px-3 py-1.5 dark:border-zinc-800">
      <h2 id={id} className="text-[13px] font-semibold tracking-tight text-zinc-800 dark:text-zinc-100">
        {title}
      </h2>
      {hint ? <span className="truncate text-xs text-zinc-500 dark:text-zinc-400">{hint}</span> : null}
      <div className="ml-auto flex items-center gap-1.5">{children}</div>
    </div>
  );
}

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

const TONES: Record<Tone, string> = {
  neutral: 'bg-zinc-100 text-zinc-700 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700',
  info: 'bg-indigo-50 text-indigo-700 ring-indigo-200 dark:bg-indigo-950/60 dark:text-indigo-300 dark:ring-indigo-900',
  success: 'bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-950/60 dark:text-emerald-300 dark:ring-emerald-900',
  warning: 'bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950/50 dark:text-amber-300 dark:ring-amber-900',
  danger: 'bg-rose-50 text-rose-700 ring-rose-200 dark:bg-rose-950/50 dark:text-rose-300 dark:ring-rose-900',
};

export function Badge({ tone = 'neutral', children, className = '' }: { tone?: Tone; children: ReactNode; className?: string }) {
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-[11px] font-medium ring-1 ring-inset ${TONES[tone]} ${className}`}>
      {children}
    </span>
  );
}

export const fieldClass =
  'w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-[13px] text-zinc-900 shadow-xs placeholder:text-zinc-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500';

export const labelClass = 'mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400';

export const panelClass = 'flex min-h-0 flex-col';

/** The × of a close or dismiss button; the button carries the accessible name. */
export function CrossIcon({ className }: { className: string }) {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className={className}>
      <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
