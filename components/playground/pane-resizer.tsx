'use client';

/**
 * The handle on the left edge of the settings + inspector pane: drag it, or focus it and use the arrow
 * keys (Home/End: narrowest/widest), to make the pane wider. The width is kept per browser.
 */
import { useCallback, useEffect, useState, type CSSProperties, type RefObject } from 'react';
import { sharedStorage } from '@/components/scenario/browser-storage';

const KEY = 'playground:settings-pane-width';
const MIN = 288;
/** The tools pane keeps its 19rem, the chat at least this much. */
const OTHERS = 304 + 320;
const STEP = 32;

const clamp = (width: number) => Math.round(Math.max(MIN, Math.min(width, Math.max(MIN, window.innerWidth - OTHERS))));

/** The pane's width chosen by the person (null: the layout's default) and the style that applies it. */
export function usePaneWidth(): { width: number | null; setWidth: (width: number) => void; style: CSSProperties } {
  const [width, set] = useState<number | null>(null);
  useEffect(() => {
    const saved = Number(sharedStorage().getItem(KEY));
    // Read after mount: the server's render has no storage, and the first render must match it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (Number.isFinite(saved) && saved > 0) set(clamp(saved));
  }, []);
  const setWidth = useCallback((next: number) => {
    const value = clamp(next);
    set(value);
    sharedStorage().setItem(KEY, String(value));
  }, []);
  return { width, setWidth, style: width === null ? {} : ({ '--settings-pane': `${width}px` } as CSSProperties) };
}

export function PaneResizer({ pane, width, onWidth }: { pane: RefObject<HTMLElement | null>; width: number | null; onWidth: (width: number) => void }) {
  const [measured, setMeasured] = useState(MIN);
  useEffect(() => {
    const el = pane.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setMeasured(Math.round(el.getBoundingClientRect().width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [pane]);
  const now = width ?? measured;
  const max = typeof window === 'undefined' ? now : Math.max(MIN, window.innerWidth - OTHERS);
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the settings and inspector pane"
      aria-valuenow={now}
      aria-valuemin={MIN}
      aria-valuemax={max}
      tabIndex={0}
      onKeyDown={(event) => {
        const next = { ArrowLeft: now + STEP, ArrowRight: now - STEP, Home: MIN, End: max }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        onWidth(next);
      }}
      onPointerDown={(event) => {
        const el = pane.current;
        if (!el || event.button !== 0) return;
        event.preventDefault();
        const handle = event.currentTarget;
        handle.setPointerCapture(event.pointerId);
        const right = el.getBoundingClientRect().right;
        const move = (e: PointerEvent) => onWidth(right - e.clientX);
        const up = () => {
          handle.removeEventListener('pointermove', move);
          handle.removeEventListener('pointerup', up);
          handle.removeEventListener('pointercancel', up);
        };
        handle.addEventListener('pointermove', move);
        handle.addEventListener('pointerup', up);
        handle.addEventListener('pointercancel', up);
      }}
      className="group/resizer absolute inset-y-0 -left-1.5 z-10 hidden w-3 cursor-col-resize touch-none focus:outline-none lg:block"
    >
      <span className="absolute inset-y-0 left-1/2 w-0.5 -translate-x-1/2 bg-transparent transition-colors group-hover/resizer:bg-indigo-400 group-focus-visible/resizer:bg-indigo-500" />
    </div>
  );
}
