'use client';

/** A question of confirm.tsx as a dialog: its message and one button per choice. */
import type { Question } from './confirm';
import { Modal } from '@/components/ui/modal';
import { Button } from '@/components/ui/controls';

export function ConfirmDialog({ question, onAnswer }: { question: Question; onAnswer: (choice: string) => void }) {
  return (
    <Modal open onClose={() => onAnswer(question.dismiss)} label={question.title} size="md" role="alertdialog">
      <div className="space-y-4 px-4 py-4 text-sm">
        <div className="text-zinc-700 dark:text-zinc-300">{question.message}</div>
        <div className="flex flex-wrap justify-end gap-2">
          {question.choices.map((choice, i) => (
            <Button key={choice.value} variant={choice.primary ? 'primary' : undefined} onClick={() => onAnswer(choice.value)} data-autofocus={i === 0 ? true : undefined}>
              {choice.label}
            </Button>
          ))}
        </div>
      </div>
    </Modal>
  );
}
