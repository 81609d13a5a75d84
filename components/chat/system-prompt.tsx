'use client';

/**
 * The system prompt, sent first in every request (left out when empty). The box grows with its text up
 * to a few lines (`field-sizing: content`, capped by max-height); a prompt past LONG_TEXT_CHARS is shown
 * folded until the person chooses to edit it, since laying it out in a box can take seconds.
 */
import { useId } from 'react';
import { FoldedValue, useFoldedEdit } from '@/components/ui/folded-text';

export function SystemPrompt({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const id = useId();
  const fold = useFoldedEdit(value);
  return (
    <div className="border-b border-zinc-200 px-4 py-2.5 dark:border-zinc-800">
      <div className="mx-auto max-w-3xl">
        <label htmlFor={id} className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400">
          System
        </label>
        {fold.folded ? (
          <FoldedValue value={value} what="system prompt" label="System" id={id} onEdit={fold.edit} onClear={() => onChange('')} className="max-h-[4.6rem] lg:max-h-32" />
        ) : (
          <textarea
            id={id}
            rows={2}
            value={value}
            placeholder="Instructions for the model (optional)"
            onChange={(e) => {
              fold.edited(e.target.value);
              onChange(e.target.value);
            }}
            style={{ fieldSizing: 'content' } as React.CSSProperties}
            className="block max-h-[4.6rem] min-h-[3.25rem] w-full resize-y lg:max-h-32 rounded-md border border-zinc-200 bg-zinc-50 px-2.5 py-1.5 text-[13px] leading-snug text-zinc-800 focus:border-indigo-500 focus:bg-white focus:ring-2 focus:ring-indigo-500/30 focus:outline-none dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200 dark:focus:bg-zinc-950"
          />
        )}
      </div>
    </div>
  );
}
