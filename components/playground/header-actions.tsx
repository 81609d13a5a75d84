'use client';

/**
 * The scenario actions in the header. Wide screens show them all in a row; narrower ones keep "New chat"
 * and put the rest behind "More" (a disclosure: the same buttons, with the same names, in a panel).
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/controls';

export interface HeaderAction {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  /** Shown before the label; decorative. */
  icon: string;
  /** Starts a group (a divider before it in the row). */
  group?: boolean;
}

function Icon({ path }: { path: string }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" className="size-3.5 shrink-0 opacity-70">
      <path d={path} fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export const ICONS = {
  templates: 'M3.5 3.5h5v5h-5zM11.5 3.5h5v5h-5zM3.5 11.5h5v5h-5zM11.5 11.5h5v5h-5z',
  library: 'M4 3.5v13M8 3.5v13M11.5 4l3.5 12.2',
  save: 'M4 3.5h9.5l2.5 2.5v10.5H4zM7 3.5v4h6v-4M7 16.5v-5h6v5',
  share: 'M8.5 11.5a3.5 3.5 0 005 0l2.5-2.5a3.5 3.5 0 00-5-5L10 5M11.5 8.5a3.5 3.5 0 00-5 0L4 11a3.5 3.5 0 005 5l1-1',
  export: 'M7 6L3 10l4 4M13 6l4 4-4 4M11.5 3.5l-3 13',
  newChat: 'M10 4v12M4 10h12',
  evaluate: 'M4 16.5V11M8.5 16.5V6M13 16.5V9M17 16.5V3.5M3 16.5h14.5',
};

/** `more`: shown at the foot of the "More" panel (the theme switch, where the header has no room for it). */
export function HeaderActions({ actions, newChat, more }: { actions: HeaderAction[]; newChat: HeaderAction; more?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const moreRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !moreRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const run = (action: HeaderAction) => {
    setOpen(false);
    // Back on "More" first, so a dialog the action opens returns focus there when it closes.
    moreRef.current?.focus();
    action.onClick();
  };

  return (
    <>
      <div className="hidden items-center gap-1 lg:flex">
        {actions.map((action) => (
          <span key={action.label} className="flex items-center gap-1">
            {action.group ? <span aria-hidden className="mx-1 h-5 w-px bg-zinc-200 dark:bg-zinc-700" /> : null}
            <Button size="sm" variant="ghost" onClick={action.onClick} disabled={action.disabled}>
              <Icon path={action.icon} />
              {action.label}
            </Button>
          </span>
        ))}
        <span aria-hidden className="mx-1 h-5 w-px bg-zinc-200 dark:bg-zinc-700" />
      </div>
      <Button size="sm" variant="ghost" onClick={newChat.onClick} disabled={newChat.disabled}>
        <Icon path={newChat.icon} />
        {newChat.label}
      </Button>
      <div className="relative lg:hidden">
        <button
          ref={moreRef}
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((value) => !value)}
          className="inline-flex h-7 items-center gap-1 rounded-md border border-zinc-300 bg-white px-2.5 text-xs font-medium text-zinc-800 shadow-xs hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100 dark:hover:bg-zinc-700"
        >
          More
          <svg aria-hidden viewBox="0 0 16 16" className={`size-3 ${open ? 'rotate-180' : ''}`}>
            <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
        {open ? (
          <div
            ref={panelRef}
            id={panelId}
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return;
              setOpen(false);
              moreRef.current?.focus();
            }}
            className="absolute right-0 z-30 mt-1.5 flex w-48 flex-col rounded-lg border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
          >
            {actions.map((action) => (
              <button
                key={action.label}
                type="button"
                onClick={() => run(action)}
                disabled={action.disabled}
                className="flex items-center gap-2.5 rounded-md px-2.5 py-2 text-left text-sm text-zinc-800 hover:bg-zinc-100 disabled:text-zinc-400 dark:text-zinc-100 dark:hover:bg-zinc-800"
              >
                <Icon path={action.icon} />
                {action.label}
              </button>
            ))}
            {more ? <div className="mt-1 border-t border-zinc-200 px-1.5 pt-2 pb-1 dark:border-zinc-700">{more}</div> : null}
          </div>
        ) : null}
      </div>
    </>
  );
}
