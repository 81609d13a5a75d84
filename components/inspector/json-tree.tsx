'use client';

/**
 * A JSON value as a folded tree: objects and arrays open to `openDepth`, deeper ones closed, and their
 * children rendered only once opened, so a big body costs what is shown; a value over LONG_TEXT_CHARS
 * as JSON opens only its top level. Lines never wrap inside a word
 * (strings wrap at their spaces; anything longer scrolls sideways), long strings are folded
 * (FoldedText), and a long array shows its first items, then "Show N more". Keys such as `__proto__`
 * are data: entries come from Object.entries of what JSON.parse made.
 */
import { useState, type ReactNode } from 'react';
import { isRecord } from '@/lib/util/json';
import { FoldedText } from '@/components/ui/folded-text';
import { LONG_TEXT_CHARS } from '@/components/ui/long-text';

const FIRST_ITEMS = 100;
/** A value longer than this (as JSON text) opens folded: only its top level, and fewer items per array. */
const BIG_FIRST_ITEMS = 20;

function Key({ name }: { name: string | number | null }) {
  if (name === null) return null;
  return (
    <>
      <span className={typeof name === 'number' ? 'text-zinc-600 dark:text-zinc-400' : 'text-indigo-700 dark:text-indigo-300'}>
        {typeof name === 'number' ? name : JSON.stringify(name)}
      </span>
      <span className="text-zinc-600 dark:text-zinc-400">: </span>
    </>
  );
}

function Leaf({ value }: { value: unknown }) {
  if (typeof value === 'string') {
    const text = JSON.stringify(value);
    const tone = 'whitespace-pre-wrap text-emerald-800 dark:text-emerald-300';
    // A long one is folded, on lines of its own; a short one follows its key.
    return text.length > LONG_TEXT_CHARS ? <FoldedText as="div" text={text} className={tone} /> : <span className={tone}>{text}</span>;
  }
  const tone = value === null ? 'text-zinc-600 dark:text-zinc-400' : typeof value === 'number' ? 'text-sky-800 dark:text-sky-300' : 'text-amber-800 dark:text-amber-300';
  return <span className={tone}>{JSON.stringify(value) ?? 'null'}</span>;
}

interface Fold {
  openDepth: number;
  firstItems: number;
}

function Branch({ name, value, depth, fold }: { name: string | number | null; value: object; depth: number; fold: Fold }) {
  const [open, setOpen] = useState(depth < fold.openDepth);
  const [limit, setLimit] = useState(fold.firstItems);
  const array = Array.isArray(value);
  const entries: Array<[string | number, unknown]> = array ? (value as unknown[]).map((item, i) => [i, item]) : Object.entries(value);
  const [openMark, closeMark] = array ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div>
        <Key name={name} />
        <span className="text-zinc-600 dark:text-zinc-400">{openMark + closeMark}</span>
      </div>
    );
  }
  const count = `${entries.length} ${array ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'key' : 'keys'}`;
  return (
    <details open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary className="cursor-pointer rounded-sm hover:bg-zinc-100 dark:hover:bg-zinc-800/70">
        <Key name={name} />
        <span className="text-zinc-600 dark:text-zinc-400">{open ? openMark : `${openMark} ${count} ${closeMark}`}</span>
      </summary>
      {open ? (
        <div className="ml-[1.1em] border-l border-zinc-200 pl-2 dark:border-zinc-800">
          {entries.slice(0, limit).map(([key, item]) => (
            <Node key={key} name={key} value={item} depth={depth + 1} fold={fold} />
          ))}
          {entries.length > limit ? (
            <button type="button" onClick={() => setLimit(entries.length)} className="text-indigo-700 underline dark:text-indigo-300">
              Show {entries.length - limit} more
            </button>
          ) : null}
        </div>
      ) : null}
      {open ? <div className="text-zinc-600 dark:text-zinc-400">{closeMark}</div> : null}
    </details>
  );
}

function Node({ name, value, depth, fold }: { name: string | number | null; value: unknown; depth: number; fold: Fold }): ReactNode {
  if (Array.isArray(value) || isRecord(value)) return <Branch name={name} value={value} depth={depth} fold={fold} />;
  return (
    <div>
      <Key name={name} />
      <Leaf value={value} />
    </div>
  );
}

/** The tree in a box that scrolls sideways (and takes focus, so the keyboard can scroll it too). */
export function JsonTree({ value, label, openDepth = 2 }: { value: unknown; label: string; openDepth?: number }) {
  const [fold] = useState<Fold>(() =>
    (JSON.stringify(value)?.length ?? 0) > LONG_TEXT_CHARS ? { openDepth: 1, firstItems: BIG_FIRST_ITEMS } : { openDepth, firstItems: FIRST_ITEMS },
  );
  return (
    <div
      role="group"
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded-md border border-zinc-200 bg-zinc-50 px-2.5 py-2 font-mono text-[11px] leading-relaxed whitespace-nowrap text-zinc-800 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-300"
    >
      <Node name={null} value={value} depth={0} fold={fold} />
    </div>
  );
}
