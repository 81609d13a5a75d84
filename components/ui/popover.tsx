'use client';

/**
 * A button that opens a small panel under it (not modal): a click outside or Escape closes it, and focus
 * goes back to the button on Escape. For short settings like the Tools editor's "Check for" and "Strict".
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from './controls';

interface Props {
  /** The button's text (its accessible name unless `label` is given). */
  button: ReactNode;
  label?: string;
  /** The button's tooltip (its whole text, when the button cuts it short). */
  title?: string;
  /** The panel's contents; a function gets `close`. */
  children: ReactNode | ((close: () => void) => ReactNode);
  className?: string;
  panelClassName?: string;
}

export function Popover({ button, label, title, children, className = '', panelClassName = 'w-64' }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const close = () => setOpen(false);
  return (
    <div
      ref={box}
      className={`relative min-w-0 ${className}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          trigger.current?.focus();
        }
      }}
    >
      <Button ref={trigger} size="sm" variant="ghost" aria-label={label} title={title} aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)} className="max-w-full">
        {button}
      </Button>
      {open ? (
        <div
          id={`${id}-panel`}
          className={`absolute top-full left-0 z-30 mt-1 rounded-md border border-zinc-200 bg-white p-2 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900 ${panelClassName}`}
        >
          {typeof children === 'function' ? children(close) : children}
        </div>
      ) : null}
    </div>
  );
}
