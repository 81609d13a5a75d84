'use client';

/**
 * "This replaces your unsaved work": asked in the page (not window.confirm) before a link, a template,
 * a saved or an imported scenario takes the place of changes that are not saved anywhere. Besides
 * going ahead or keeping the work, it offers to save the work to the Library first. The dialog itself
 * (confirm-replace-dialog.tsx) loads the first time it is asked.
 */
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { ConfirmReplaceDialog } from '@/components/playground/lazy-dialogs';

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

  const dialog = question ? <ConfirmReplaceDialog question={question} onAnswer={answer} /> : null;

  return { ask, dialog };
}
