'use client';

/**
 * Questions asked in the page (never window.confirm) before something could lose work: replacing it
 * with a link, a template or a Library entry, starting a new chat, saving over a newer Library entry.
 * `ask` resolves to the choice made; closing the dialog (Escape) answers with the question's `dismiss`.
 * The dialog itself (confirm-dialog.tsx) loads the first time a question is asked.
 */
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '@/components/playground/lazy-dialogs';

export interface Choice<C extends string> {
  value: C;
  label: string;
  primary?: boolean;
}

export interface Question<C extends string = string> {
  /** The dialog's name, e.g. "Open the shared scenario?" */
  title: string;
  message: ReactNode;
  /** In the order shown; the first has focus when the dialog opens (make it the safe one). */
  choices: Array<Choice<C>>;
  /** The answer when the dialog is closed without choosing. */
  dismiss: C;
}

export type Ask = <C extends string>(question: Question<C>) => Promise<C>;

export function useConfirm() {
  const [question, setQuestion] = useState<Question | null>(null);
  const pending = useRef<{ dismiss: string; resolve: (choice: string) => void } | null>(null);

  const ask = useCallback(<C extends string>(next: Question<C>) => {
    // A newer question replaces one still open, which counts as dismissed.
    pending.current?.resolve(pending.current.dismiss);
    setQuestion(next);
    return new Promise<C>((resolve) => {
      pending.current = { dismiss: next.dismiss, resolve: resolve as (choice: string) => void };
    });
  }, []) as Ask;

  const answer = (choice: string) => {
    pending.current?.resolve(choice);
    pending.current = null;
    setQuestion(null);
  };

  const dialog = question ? <ConfirmDialog question={question} onAnswer={answer} /> : null;
  return { ask, dialog };
}

/** The question asked before other work replaces the open one. */
export function replaceQuestion(title: string, confirmLabel: string, message: ReactNode): Question<'cancel' | 'save-first' | 'replace'> {
  return {
    title,
    message,
    choices: [
      { value: 'cancel', label: 'Keep my work' },
      { value: 'save-first', label: 'Save mine to the Library first' },
      { value: 'replace', label: confirmLabel, primary: true },
    ],
    dismiss: 'cancel',
  };
}
