'use client';

/**
 * The "Message" box with "Send" (Enter sends, Shift+Enter is a new line) and "Stop" while a reply
 * streams. When sending is not possible the reason is shown in words next to the button. A message
 * past LONG_TEXT_CHARS that the person did not type here (a link's) shows folded, with Edit and Clear;
 * Send sends it whole.
 */
import { type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/controls';
import { FoldedValue, useFoldedEdit } from '@/components/ui/folded-text';

/** The Message box's id: focus comes here once the last tool call of a turn is answered. */
export const MESSAGE_BOX_ID = 'message-box';

interface Props {
  draft: string;
  onDraft: (text: string) => void;
  onSend: () => void;
  onStop: () => void;
  onContinue: () => void;
  streaming: boolean;
  /** Why Send is disabled (null: it is not), and whether that is an error to fix or a step to take. */
  reason: { text: string; tone: 'error' | 'step' } | null;
  /** A call is due but was held back by the settings: "Continue" starts it once they are fixed. */
  held: boolean;
  /** Large type (the presenter view). */
  large?: boolean;
}

export function Composer({ draft, onDraft, onSend, onStop, onContinue, streaming, reason, held, large = false }: Props) {
  const id = MESSAGE_BOX_ID;
  const canSend = !streaming && !reason && draft.trim() !== '';
  const fold = useFoldedEdit(draft);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (canSend) onSend();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form onSubmit={submit} className="border-t border-zinc-200 bg-white/80 px-4 pt-3 pb-3 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
      <div className={large ? '' : 'mx-auto max-w-3xl'}>
        <label htmlFor={id} className="sr-only">
          Message
        </label>
        <div className="rounded-xl border border-zinc-300 bg-white shadow-xs focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/25 dark:border-zinc-700 dark:bg-zinc-950">
          {fold.folded ? (
            <div className="px-2 pt-2">
              <FoldedValue value={draft} what="message" label="Message" id={id} onEdit={fold.edit} onClear={() => onDraft('')} className="max-h-24" />
            </div>
          ) : (
            <textarea
              id={id}
              rows={2}
              value={draft}
              onChange={(e) => {
                fold.edited(e.target.value);
                onDraft(e.target.value);
              }}
              onKeyDown={onKeyDown}
              placeholder="Message the model…"
              aria-describedby={reason ? `${id}-reason` : undefined}
              className={`block max-h-52 min-h-[3.5rem] w-full resize-none rounded-t-xl bg-transparent px-3 pt-2.5 leading-relaxed ${large ? 'text-[clamp(16px,1.3vw,26px)]' : 'text-sm'} text-zinc-900 placeholder:text-zinc-400 focus:outline-none dark:text-zinc-100`}
              style={{ fieldSizing: 'content' } as React.CSSProperties}
            />
          )}
          <div className="flex items-center gap-2 px-2 pb-2">
            <p id={`${id}-reason`} aria-live="polite" className="min-w-0 flex-1 px-1 text-xs text-zinc-500 dark:text-zinc-400">
              {reason ? (
                <span className={reason.tone === 'error' ? 'text-rose-700 dark:text-rose-300' : 'text-amber-700 dark:text-amber-300'}>
                  {reason.text}
                </span>
              ) : streaming ? (
                'The model is replying…'
              ) : held ? (
                'The next model call is waiting: press Continue.'
              ) : (
                <span className="hidden sm:inline">Enter to send · Shift+Enter for a new line</span>
              )}
            </p>
            {held ? (
              <Button variant="secondary" onClick={onContinue} disabled={reason?.tone === 'error'}>
                Continue
              </Button>
            ) : null}
            {streaming ? (
              <Button variant="secondary" onClick={onStop}>
                <span aria-hidden className="size-2.5 rounded-[2px] bg-current" />
                Stop
              </Button>
            ) : (
              <Button variant="primary" type="submit" disabled={!canSend}>
                Send
              </Button>
            )}
          </div>
        </div>
      </div>
    </form>
  );
}
