'use client';

/**
 * Texts of any length, shown without freezing the page (see long-text.ts for the costs): `FoldedText`
 * shows a text in blocks, folded past LONG_TEXT_CHARS behind "Show all (N characters)"; an editable
 * text past it is shown so, read-only, by `FoldedValue` until the person chooses Edit (`useFoldedEdit`
 * decides which, so the textarea itself stays where its component puts it).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from './controls';
import { characters, LONG_TEXT_CHARS, preview, textBlocks } from './long-text';

/** The text in blocks (each its own paragraph; a word longer than the line wraps), and an ellipsis when it was cut. */
function Blocks({ text, cut, endClassName = '' }: { text: string; cut: boolean; endClassName?: string }) {
  const blocks = useMemo(() => textBlocks(text), [text]);
  return (
    <>
      {blocks.map((block, i) => (
        <span key={i} className={i === blocks.length - 1 ? `block break-words ${endClassName}` : 'block break-words'}>
          {block}
          {cut && i === blocks.length - 1 ? '…' : null}
        </span>
      ))}
    </>
  );
}

function ShowAll({ all, count, onToggle }: { all: boolean; count: number; onToggle: () => void }) {
  return (
    <Button size="sm" variant="ghost" aria-expanded={all} onClick={onToggle} className="-ml-1 underline-offset-2 hover:underline">
      {all ? 'Show less' : `Show all (${characters(count)})`}
    </Button>
  );
}

/**
 * Whether the element scrolls (its text is taller than its max-height), told by a ResizeObserver after
 * layout rather than read during a render; a box that scrolls must take focus, to scroll by keyboard.
 */
/** A ref for a box that may scroll, and whether it does now (its content overflows it). */
export function useScrolls<T extends HTMLElement>(enabled: boolean) {
  const ref = useRef<T>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!enabled || !el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setScrolls(el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth));
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild); // the text, which grows inside the box
    return () => observer.disconnect();
  }, [enabled]);
  return [ref, scrolls] as const;
}

interface FoldedTextProps {
  text: string;
  /** The element that holds the text (it keeps `white-space: pre-wrap` and any scrolling). */
  as?: 'div' | 'pre' | 'p';
  className?: string;
  /** Classes of the text's last block, e.g. a caret drawn after the text. */
  endClassName?: string;
  /** The element has a max-height and scrolls: it takes focus (tabIndex 0) once its text overflows. */
  scrolls?: boolean;
  tabIndex?: number;
}

/** A text shown whole up to LONG_TEXT_CHARS, else its first part and "Show all (N characters)". */
export function FoldedText({ text, as: Tag = 'div', className, endClassName, scrolls = false, tabIndex }: FoldedTextProps) {
  const [all, setAll] = useState(false);
  const long = text.length > LONG_TEXT_CHARS;
  const shown = long && !all ? preview(text) : text;
  const [boxRef, overflowing] = useScrolls<HTMLElement>(scrolls);
  return (
    <>
      <Tag ref={boxRef as React.Ref<never>} className={className} tabIndex={tabIndex ?? (overflowing ? 0 : undefined)}>
        <span className="block">
          <Blocks text={shown} cut={shown.length < text.length} endClassName={endClassName} />
        </span>
      </Tag>
      {long ? <ShowAll all={all} count={text.length} onToggle={() => setAll(!all)} /> : null}
    </>
  );
}

/**
 * Whether an editable text shows folded: when it is longer than LONG_TEXT_CHARS and the person has not
 * chosen to edit this very text. Their own edits keep the editor (`edited` on every change); a text that
 * comes from elsewhere (a link, a template) is folded again.
 */
export function useFoldedEdit(value: string): { folded: boolean; edit: () => void; edited: (text: string) => void } {
  const [editing, setEditing] = useState<string | null>(null);
  return {
    folded: value.length > LONG_TEXT_CHARS && editing !== value,
    edit: () => setEditing(value),
    edited: setEditing,
  };
}

interface FoldedValueProps {
  value: string;
  /** What the text is, for the sentence and the group's name: "system prompt", "message", "result". */
  what: string;
  /** The group's accessible name, e.g. "System" (the label of the box it stands for). */
  label: string;
  /** The box's id: focus sent to the box lands on the folded text instead. */
  id?: string;
  onEdit: () => void;
  onClear?: () => void;
  /** The folded text's height (it scrolls within it). */
  className?: string;
}

/** A long editable text, folded and read-only: "Show all", "Edit" (the box itself) and "Clear". */
export function FoldedValue({ value, what, label, id, onEdit, onClear, className = 'max-h-40' }: FoldedValueProps) {
  const [all, setAll] = useState(false);
  const shown = all ? value : preview(value);
  // The box takes the same id once shown: focus goes on to it.
  const then = (action: () => void) => () => {
    action();
    if (id) requestAnimationFrame(() => document.getElementById(id)?.focus());
  };
  return (
    <div>
      <div
        id={id}
        role="group"
        aria-label={`${label}, ${characters(value.length)}, folded`}
        tabIndex={0}
        className={`overflow-auto rounded-md border border-zinc-200 bg-zinc-50 px-2.5 py-1.5 text-[13px] leading-snug whitespace-pre-wrap text-zinc-800 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200 ${className}`}
      >
        <Blocks text={shown} cut={shown.length < value.length} />
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-1.5 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="mr-1">
          This {what} is {characters(value.length)} long, so it is shown folded: editing a text this long can slow the page.
        </span>
        <ShowAll all={all} count={value.length} onToggle={() => setAll(!all)} />
        <Button size="sm" variant="ghost" aria-label={`Edit the ${what}`} onClick={then(onEdit)}>
          Edit
        </Button>
        {onClear ? (
          <Button size="sm" variant="ghost" aria-label={`Clear the ${what}`} onClick={then(onClear)}>
            Clear
          </Button>
        ) : null}
      </div>
    </div>
  );
}
