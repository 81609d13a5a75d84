'use client';

/**
 * Under the system prompt, the loaded template's description: what the scenario shows and, for actions
 * with real-world effects (send_email), the guide's advice to confirm each one before it runs. The
 * templates load when a note is first shown (they are not part of the page's first load).
 */
import { useEffect, useState } from 'react';
import type { Template } from '@/lib/scenario/templates';
import { CrossIcon } from '@/components/ui/controls';
import { WithGuideLinks } from '@/components/ui/guide-link';

function useTemplate(templateId: string | null): Template | undefined {
  const [found, setFound] = useState<{ id: string; template: Template | undefined } | null>(null);
  useEffect(() => {
    if (!templateId) return;
    let live = true;
    import('@/lib/scenario/templates').then(
      ({ findTemplate }) => live && setFound({ id: templateId, template: findTemplate(templateId) }),
      () => {}, // Not loaded (offline): the note is a hint, the scenario is open either way.
    );
    return () => {
      live = false;
    };
  }, [templateId]);
  return found && found.id === templateId ? found.template : undefined;
}

export function TemplateNote({ templateId, onDismiss }: { templateId: string | null; onDismiss: () => void }) {
  const template = useTemplate(templateId);
  if (!template) return null;
  const caution = template.id === 'send_email';
  return (
    <aside
      aria-label="About this template"
      className={`border-b px-4 py-2 text-[12.5px] leading-snug ${
        caution
          ? 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/70 dark:bg-amber-950/40 dark:text-amber-200'
          : 'border-zinc-200 bg-indigo-50/60 text-zinc-700 dark:border-zinc-800 dark:bg-indigo-950/30 dark:text-zinc-300'
      }`}
    >
      <div className="mx-auto flex max-w-3xl items-start gap-2">
        <p className="min-w-0 flex-1">
          <span className="font-semibold">
            {caution ? 'Confirm real-world actions. ' : `Template: ${template.title}. `}
          </span>
          <WithGuideLinks text={template.description} />
        </p>
        <button
          type="button"
          onClick={onDismiss}
          aria-label="Hide the template note"
          className="-mr-1 grid size-6 shrink-0 place-items-center rounded text-current opacity-60 hover:opacity-100"
        >
          <CrossIcon className="size-3.5" />
        </button>
      </div>
    </aside>
  );
}
