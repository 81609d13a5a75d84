'use client';

/** The question of confirm-replace.ts as a dialog: keep the work, save it first, or go ahead. */
import type { ReplaceChoice, ReplaceQuestion } from './confirm-replace';
import { Modal } from '@/components/ui/modal';
import { Button } from '@/components/ui/controls';

export function ConfirmReplaceDialog({ question, onAnswer }: { question: ReplaceQuestion; onAnswer: (choice: ReplaceChoice) => void }) {
  return (
    <Modal open onClose={() => onAnswer('cancel')} label={question.title} size="md" role="alertdialog">
      <div className="space-y-4 px-4 py-4 text-sm">
        <div className="text-zinc-700 dark:text-zinc-300">{question.message}</div>
        <div className="flex flex-wrap justify-end gap-2">
          <Button onClick={() => onAnswer('cancel')} data-autofocus>
            Keep my work
          </Button>
          <Button onClick={() => onAnswer('save-first')}>Save mine to the Library first</Button>
          <Button variant="primary" onClick={() => onAnswer('replace')}>
            {question.confirmLabel}
          </Button>
        </div>
      </div>
    </Modal>
  );
}
