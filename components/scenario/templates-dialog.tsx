'use client';

/** "Templates": the guide's use cases, ready to play through; choosing one replaces the workspace. Rendered while open. */
import { useId } from 'react';
import { TEMPLATES, type Template } from '@/lib/scenario/templates';
import { WithGuideLinks } from '@/components/ui/guide-link';
import { Modal } from '@/components/ui/modal';

interface Props {
  onClose: () => void;
  onChoose: (template: Template) => void;
  /** The template the workspace was loaded from, if any. */
  currentId: string | null;
}

export function TemplatesDialog({ onClose, onChoose, currentId }: Props) {
  const id = useId();
  return (
    <Modal
      open
      onClose={onClose}
      label="Templates"
      description="Each one replaces the tools, settings, mock results and conversation with a ready-made scenario."
    >
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {TEMPLATES.map((template, index) => (
          <li key={template.id} className="relative px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
            <div className="flex items-center gap-2">
              <button
                type="button"
                onClick={() => onChoose(template)}
                aria-describedby={`${id}-${template.id}`}
                data-autofocus={index === 0 ? true : undefined}
                className="text-left text-sm font-semibold text-indigo-700 after:absolute after:inset-0 hover:underline focus-visible:outline-none focus-visible:after:ring-2 focus-visible:after:ring-indigo-500 focus-visible:after:ring-inset dark:text-indigo-300"
              >
                {template.title}
              </button>
              {currentId === template.id ? (
                <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-[11px] font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
                  open now
                </span>
              ) : null}
            </div>
            <p id={`${id}-${template.id}`} className="mt-1 text-[13px] leading-snug text-zinc-600 dark:text-zinc-400">
              <WithGuideLinks text={template.description} />
            </p>
            <p className="mt-1.5 font-mono text-[11px] text-zinc-500 dark:text-zinc-400">
              {template.scenario.tools.map((tool) => tool.function.name).join(', ')}
            </p>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
