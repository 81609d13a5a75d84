'use client';

/**
 * "This replaces your unsaved work": asked in the page (not window.confirm) before a link, a template,
 * a saved or an imported scenario takes the place of changes that are not saved anywhere. Besides
 * going ahead or keeping the work, it offers to save the work to the Library first.
 */
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Modal } from './modal';
import { Button } from './ui';

export type ReplaceChoice = 'replace' | 'save-first' | 'cancel';

export interface ReplaceQuestion {
  /** The dialog's name, e.g. "Open the shared scenario?" */
  title: string;
  message: ReactNode;
  /** The button that goes ahead, e.g. "Open the link". */
  confirmLabel: string;
}

export function useConfirmReplace() {
  const [question, setQuestion] = useState<ReplaceQuestion | null>(null);
  const resolver = useRef<((choice: ReplaceChoice) => void) | null>(null);

  const ask = useCallback((next: ReplaceQuestion) => {
    resolver.current?.('cancel');
    setQuestion(next);
    return new Promise<ReplaceChoice>((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const answer = (choice: ReplaceChoice) => {
    resolver.current?.(choice);
    resolver.current = null;
    setQuestion(null);
  };

  const dialog = (
    <Modal open={question !== null} onClose={() => answer('cancel')} label={question?.title ?? ''} size="md" role="alertdialog">
      {question ? (
        <div className="space-y-4 px-4 py-4 text-sm">
          <div className="text-zinc-700 dark:text-zinc-300">{question.message}</div>
          <div className="flex flex-wrap justify-end gap-2">
            <Button onClick={() => answer('cancel')} data-autofocus>
              Keep my work
            </Button>
            <Button onClick={() => answer('save-first')}>Save mine to the Library first</Button>
            <Button variant="primary" onClick={() => answer('replace')}>
              {question.confirmLabel}
            </Button>
          </div>
        </div>
      ) : null}
    </Modal>
  );

  return { ask, dialog };
}
