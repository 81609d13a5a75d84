'use client';

/**
 * A modal dialog on the native <dialog> (showModal): the browser makes the rest of the page inert, keeps
 * focus inside, and moves it in on open (to the element marked `data-autofocus`, else the first control);
 * Escape and a click on the backdrop close it, and focus goes back to whatever opened it.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { CrossIcon } from './controls';

interface Props {
  open: boolean;
  /** Called on Escape, the backdrop, or the close button; omit to make the dialog stay until done. */
  onClose?: () => void;
  /** The accessible name (and the visible title unless `title` is given). */
  label: string;
  title?: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  size?: 'sm' | 'md' | 'lg' | 'full';
  role?: 'dialog' | 'alertdialog';
}

const WIDTHS = { sm: 'max-w-md', md: 'max-w-xl', lg: 'max-w-3xl', full: 'max-w-none' };

export function Modal({ open, onClose, label, title, description, children, size = 'md', role }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // React's autoFocus runs before the dialog is shown (when nothing in it can take focus): mark the
    // control to start on with data-autofocus instead.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      aria-label={label}
      role={role}
      onCancel={(event) => {
        // The page decides whether it closes (React state), not the browser.
        event.preventDefault();
        onCloseRef.current?.();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onCloseRef.current?.();
      }}
      className={`m-auto w-[calc(100vw-1.5rem)] ${WIDTHS[size]} max-h-[calc(100dvh-1.5rem)] overflow-hidden rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl backdrop:bg-zinc-950/40 backdrop:backdrop-blur-[1px] dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100`}
    >
      <div className="flex max-h-[calc(100dvh-1.5rem)] flex-col">
        <div className="flex items-start gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <div className="min-w-0 flex-1">
            <h2 className="text-sm font-semibold tracking-tight">{title ?? label}</h2>
            {description ? <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{description}</p> : null}
          </div>
          {onClose ? (
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="-mr-1 grid size-7 shrink-0 place-items-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
            >
              <CrossIcon className="size-4" />
            </button>
          ) : null}
        </div>
        <div className="min-h-0 flex-1 overflow-auto">{children}</div>
      </div>
    </dialog>
  );
}
