'use client';

/**
 * The controls of the conversation as a workbench: a message's small toolbar (Edit, Regenerate, Run
 * from here, Fork from here, Delete), the editor that replaces a text while it is edited, and the
 * "‹ 2 / 3 ›" pager of the answers Regenerate kept.
 *
 * The toolbar stays out of the way: it shows when the pointer is over its message or focus is in it,
 * and always on a touch screen (no hover there). It is one Tab stop (a toolbar: arrow keys, Home and
 * End move between its buttons), so a long conversation is not dozens of stops. Buttons that cannot act
 * now (a reply is streaming) are `aria-disabled`, not `disabled`, so focus stays on them and their
 * title says why.
 *
 * A conversation may hold 2,000 messages (a shared link), and five buttons each would more than double
 * the page's elements: until its message is pointed at or focused (`armed`), a toolbar is only its first
 * button, its Tab stop; the rest come the moment they can be seen. A touch screen shows them all.
 */
import { useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/controls';

export const ICONS = {
  edit: 'M13.5 3.5l3 3L7 16H4v-3zM11.5 5.5l3 3',
  editArguments: 'M7.5 3.5c-2 0-2 1.2-2 3.2s-.8 3.3-2 3.3c1.2 0 2 1.3 2 3.3s0 3.2 2 3.2M12.5 3.5c2 0 2 1.2 2 3.2s.8 3.3 2 3.3c-1.2 0-2 1.3-2 3.3s0 3.2-2 3.2',
  delete: 'M4.5 6h11M8 6V4h4v2M6 6l.8 10h6.4L14 6M8.5 9v4.5M11.5 9v4.5',
  regenerate: 'M15.5 8A6 6 0 104.5 12M15.5 3.5V8H11',
  run: 'M6 4.5l9 5.5-9 5.5z',
  expect: 'M3.5 5.5l1.5 1.5 2.5-2.5M3.5 12.5l1.5 1.5 2.5-2.5M10 6h6.5M10 13h6.5',
  fork: 'M6 3.5v8M6 11.5a2.5 2.5 0 100 5 2.5 2.5 0 000-5zM14 3.5a2.5 2.5 0 100 5 2.5 2.5 0 000-5zM14 8.5c0 3-4 2.5-7 4.5',
  previous: 'M12 5l-5 5 5 5',
  next: 'M8 5l5 5-5 5',
} as const;

export function ActionIcon({ path, className = 'size-3.5' }: { path: string; className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" className={`shrink-0 ${className}`}>
      <path d={path} fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export interface MessageAction {
  /** The button's accessible name and tooltip: "Edit message", "Regenerate". */
  label: string;
  icon: string;
  onClick: () => void;
  /** Why it cannot act now; the button stays focusable and says so. */
  unavailable?: string | null;
  /** Set on the button, so that focus can come back to it. */
  id?: string;
  tone?: 'danger';
}

/** Classes that show a toolbar with its message: on hover, with focus inside, always without hover (touch). */
export const REVEAL =
  'opacity-0 transition-opacity group-hover/msg:opacity-100 group-focus-within/msg:opacity-100 focus-within:opacity-100 [@media(hover:none)]:opacity-100';

const NO_HOVER = '(hover: none)';

/** Whether the screen has no hover (touch): toolbars are shown, and so built, from the start. */
export function useNoHover(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const media = window.matchMedia(NO_HOVER);
      media.addEventListener('change', onChange);
      return () => media.removeEventListener('change', onChange);
    },
    () => window.matchMedia(NO_HOVER).matches,
    () => false,
  );
}

/**
 * Whether a message's toolbars are built in full: from the first time the pointer enters it or focus
 * goes into it (spread `arm` on the message's element), or always on a touch screen.
 */
export function useArmed(): { armed: boolean; arm: { onPointerEnter: () => void; onFocus: () => void } } {
  const [armed, setArmed] = useState(false);
  const touch = useNoHover();
  const on = () => {
    if (!armed) setArmed(true);
  };
  return { armed: armed || touch, arm: { onPointerEnter: on, onFocus: on } };
}

interface ToolbarProps {
  label: string;
  actions: MessageAction[];
  className?: string;
  /** Built in full; otherwise only the first button, until it (or its message) is focused or pointed at. */
  armed?: boolean;
}

export function MessageToolbar({ label, actions: all, className = '', armed = true }: ToolbarProps) {
  const actions = armed ? all : all.slice(0, 1);
  const [active, setActive] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const at = Math.min(active, actions.length - 1);
  const move = (event: KeyboardEvent) => {
    if (!armed) return;
    const last = actions.length - 1;
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? (at + 1) % actions.length
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? (at - 1 + actions.length) % actions.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    buttons.current[next]?.focus();
  };
  return (
    <div role="toolbar" aria-label={label} onKeyDown={move} className={`flex items-center gap-0.5 ${className}`}>
      {actions.map((action, i) => (
        <button
          key={action.label}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          id={action.id}
          type="button"
          tabIndex={i === at ? 0 : -1}
          aria-label={action.label}
          aria-disabled={action.unavailable ? true : undefined}
          title={action.unavailable ? `${action.label}: ${action.unavailable}` : action.label}
          onFocus={() => setActive(i)}
          onClick={() => {
            if (!action.unavailable) action.onClick();
          }}
          className={`inline-flex size-7 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-200/70 hover:text-zinc-900 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 aria-disabled:hover:bg-transparent dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${
            action.tone === 'danger' ? 'hover:text-rose-700 dark:hover:text-rose-300' : ''
          }`}
        >
          {/* Unarmed, the button is not seen yet (and is armed the moment it is focused): no icon to build. */}
          {armed ? <ActionIcon path={action.icon} /> : null}
        </button>
      ))}
      {/* The buttons not built yet keep their room (size-7 each and the gap-0.5 before it, less the gap the spacer itself gets): arming must not move the
          page under the pointer, or a press that arms a message lands on another control than it began. */}
      {all.length > actions.length ? <span aria-hidden className="shrink-0" style={{ width: `${(all.length - actions.length) * 1.875 - 0.125}rem` }} /> : null}
    </div>
  );
}

interface EditorProps {
  initial: string;
  /** The box's accessible name: "Message text", "Arguments for get_weather". */
  label: string;
  onSave: (text: string) => void;
  onCancel: () => void;
  /** A second way to save ("Save and run"), shown first. */
  primary?: { label: string; onClick: (text: string) => void };
  /** Why this text cannot be saved as it is, or null. */
  problem?: (text: string) => string | null;
  /** Why nothing can be saved now (a reply started streaming meanwhile): the text stays, Save waits. */
  unavailable?: string | null;
  mono?: boolean;
  id?: string;
}

/** A text edited in place: Save, Cancel; Escape cancels and Ctrl+Enter (⌘+Enter) saves. */
export function InlineEditor({ initial, label, onSave, onCancel, primary, problem, unavailable = null, mono = false, id }: EditorProps) {
  const [text, setText] = useState(initial);
  const box = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const why = (unavailable ? `Saving waits: ${unavailable}.` : null) ?? problem?.(text) ?? null;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const save = (how: (text: string) => void) => {
    if (!why) how(text);
  };
  return (
    <div
      className="rounded-lg ring-1 ring-indigo-300 dark:ring-indigo-800"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          save(primary?.onClick ?? onSave);
        }
      }}
    >
      <textarea
        ref={box}
        id={id}
        aria-label={label}
        aria-describedby={hintId}
        value={text}
        spellCheck={!mono}
        onChange={(event) => setText(event.target.value)}
        style={{ fieldSizing: 'content' } as React.CSSProperties}
        className={`block max-h-96 min-h-16 w-full resize-y rounded-t-lg border-0 bg-white px-3 py-2 text-zinc-900 focus:ring-0 focus:outline-none dark:bg-zinc-950 dark:text-zinc-100 ${
          mono ? 'font-mono text-xs leading-relaxed' : 'text-sm leading-relaxed'
        }`}
      />
      <div className="flex flex-wrap items-center gap-2 rounded-b-lg border-t border-zinc-200 bg-zinc-50 px-2 py-1.5 dark:border-zinc-800 dark:bg-zinc-900">
        {primary ? (
          <Button size="sm" variant="primary" onClick={() => save(primary.onClick)} disabled={Boolean(why)}>
            {primary.label}
          </Button>
        ) : null}
        <Button size="sm" variant={primary ? 'secondary' : 'primary'} onClick={() => save(onSave)} disabled={Boolean(why)}>
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <span id={hintId} className="ml-auto text-[11px] text-zinc-500 dark:text-zinc-400">
          {why ?? (primary ? `Ctrl+Enter: ${primary.label.toLowerCase()} · Esc: cancel` : 'Ctrl+Enter: save · Esc: cancel')}
        </span>
      </div>
    </div>
  );
}

interface PagerProps {
  /** 0-based index of the answer shown. */
  index: number;
  count: number;
  onShow: (index: number) => void;
  unavailable?: string | null;
  /** The id of its "Previous answer" button (focus goes there after Regenerate). */
  id?: string;
  children?: ReactNode;
}

/** "‹ 2 / 3 ›": which of the answers kept at this place is shown, and the way to the others. */
export function AnswerPager({ index, count, onShow, unavailable, id }: PagerProps) {
  const go = (to: number) => () => {
    if (!unavailable && to >= 0 && to < count) onShow(to);
  };
  const button = (label: string, icon: string, to: number, buttonId?: string) => {
    const off = unavailable ?? (to < 0 ? 'this is the first answer' : to >= count ? 'this is the last answer' : null);
    return (
      <button
        type="button"
        id={buttonId}
        aria-label={label}
        aria-disabled={off ? true : undefined}
        title={off ? `${label}: ${off}` : label}
        onClick={go(to)}
        className="inline-flex size-6 items-center justify-center rounded text-zinc-600 hover:bg-zinc-200/70 hover:text-zinc-900 aria-disabled:cursor-not-allowed aria-disabled:opacity-40 aria-disabled:hover:bg-transparent dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        <ActionIcon path={icon} className="size-3.5" />
      </button>
    );
  };
  return (
    <div role="group" aria-label={`Answer ${index + 1} of ${count}`} className="inline-flex items-center rounded-md bg-zinc-100 text-xs text-zinc-700 ring-1 ring-zinc-200 dark:bg-zinc-800/70 dark:text-zinc-200 dark:ring-zinc-700">
      {button('Previous answer', ICONS.previous, index - 1, id)}
      <span aria-hidden className="min-w-9 px-0.5 text-center font-medium tabular-nums">
        {index + 1} / {count}
      </span>
      {button('Next answer', ICONS.next, index + 1)}
    </div>
  );
}
