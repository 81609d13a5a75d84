'use client';

/**
 * The notice of the last change made to the conversation by hand — "Deleted the answer and its 2 tool
 * results." — with "Undo", above the Message box. It reads the store's undo history (newest record),
 * so it says what Undo would take back, and goes once that cannot be undone any more (something else
 * changed the conversation). A polite live region: the change is announced without moving focus, but
 * a change that removed the focused button sends focus to Undo (conversation-log.tsx). It stays until
 * dismissed (Dismiss, or Escape) or replaced: no timer takes the way back away from a slow reader.
 */
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { Button } from '@/components/ui/controls';
import { MESSAGE_BOX_ID } from './composer';
import { messageId, UNDO_BUTTON_ID } from './ids';
import { ActionIcon, ICONS } from './message-actions';

export { UNDO_BUTTON_ID };

export function UndoNotice() {
  const store = usePlaygroundStore();
  const shown = usePlayground((s) => {
    const top = s.undoHistory.at(-1);
    return { label: top && top.id !== s.undoDismissed ? top.label : null };
  });

  const undo = () => {
    const record = store.getState().undoHistory.at(-1);
    if (!record || !store.getState().undo()) return;
    const target = record.kind === 'conversation' && record.focusKey ? messageId(record.conversationId, record.focusKey) : null;
    requestAnimationFrame(() => (document.getElementById(target ?? '') ?? document.getElementById(MESSAGE_BOX_ID))?.focus());
  };

  return (
    <div role="status" className="shrink-0">
      {shown.label ? (
        <div
          onKeyDown={(event) => {
            if (event.key === 'Escape') store.getState().dismissUndo();
          }}
          className="flex items-center gap-2 border-t border-indigo-200 bg-indigo-50 px-4 py-1.5 text-[13px] text-indigo-950 dark:border-indigo-900 dark:bg-indigo-950/60 dark:text-indigo-100"
        >
          <p className="mx-auto flex w-full max-w-3xl min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
            <span className="min-w-0 flex-1 basis-48">{shown.label}.</span>
            <span className="flex items-center gap-1">
              <Button id={UNDO_BUTTON_ID} size="sm" variant="secondary" onClick={undo}>
                <ActionIcon path={ICONS.regenerate} className="size-3.5 -scale-x-100" />
                Undo
              </Button>
              <Button size="sm" variant="ghost" onClick={() => store.getState().dismissUndo()}>
                Dismiss
              </Button>
            </span>
          </p>
        </div>
      ) : null}
    </div>
  );
}
