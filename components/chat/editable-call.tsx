'use client';

/**
 * A tool call of an answer: its card (tool-call-card.tsx) with the call's toolbar (Edit arguments, Edit
 * result, Delete call) and, while one is edited, the editor of its arguments or its result in place.
 */
import { useState } from 'react';
import type { Tool } from '@/lib/wire/chat';
import type { ToolCallCard as Card } from '@/lib/conversation/reducer';
import type { ShownVerdict } from '@/lib/store/expectation-checks';
import { ToolCallCard, type AnswerAll } from './tool-call-card';
import type { ServerRunControls } from './server-run';
import { ICONS, InlineEditor, MessageToolbar, type MessageAction } from './message-actions';
import { focusSoon } from './ids';

export interface CallControls {
  onEditArguments: (text: string) => void;
  onEditResult: (text: string) => void;
  onDelete: () => void;
  /** In Compare, when other columns made the same call and wait for its result: answer them all at once. */
  answerAll?: AnswerAll;
  /** The function is served by a configured MCP server. */
  server?: ServerRunControls;
}

interface EditableCallProps {
  card: Card;
  tools: readonly Tool[] | null;
  resultSchema?: string;
  resultId: string;
  onEdit: (text: string) => void;
  onApprove: () => void;
  onReject: () => void;
  busy: string | null;
  controls: CallControls;
  id: string;
  /** Whether its message's toolbars are built in full. */
  armed: boolean;
  expectation?: ShownVerdict;
}

/** Arguments as the editor starts them: pretty-printed when they are JSON, else as they are. */
function readableArguments(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A tool call's card with its toolbar and, while one is edited, the editor of its arguments or its result. */
export function EditableCall({ card, busy, controls, id, armed, ...props }: EditableCallProps) {
  const [editing, setEditing] = useState<'arguments' | 'result' | null>(null);
  const name = card.name || 'the call';
  const finished = card.state !== 'streaming' && card.state !== 'incomplete';
  const answered = card.state === 'approved' || card.state === 'rejected';
  const stop = (back: string) => {
    setEditing(null);
    focusSoon(back);
  };
  const actions: MessageAction[] = [
    ...(finished ? [{ label: 'Edit arguments', icon: ICONS.editArguments, onClick: () => setEditing('arguments'), unavailable: busy, id: `${id}-edit-arguments` }] : []),
    ...(answered ? [{ label: 'Edit result', icon: ICONS.edit, onClick: () => setEditing('result'), unavailable: busy, id: `${id}-edit-result` }] : []),
    { label: 'Delete call', icon: ICONS.delete, onClick: controls.onDelete, unavailable: busy, tone: 'danger' },
  ];
  return (
    <ToolCallCard
      card={card}
      {...props}
      answerAll={controls.answerAll}
      server={controls.server}
      actions={
        editing || card.state === 'streaming' ? null : (
          <MessageToolbar
            label={`Actions for the call to ${name}`}
            actions={actions}
            armed={armed}
            className="opacity-0 transition-opacity group-hover/card:opacity-100 group-focus-within/card:opacity-100 focus-within:opacity-100 [@media(hover:none)]:opacity-100"
          />
        )
      }
      argumentsEditor={
        editing === 'arguments' ? (
          <InlineEditor
            unavailable={busy}
            initial={readableArguments(card.arguments)}
            label={`Arguments for ${name}`}
            mono
            onSave={(text) => {
              // Saved untouched, the arguments stay as the model sent them (not reformatted).
              if (text !== readableArguments(card.arguments)) controls.onEditArguments(text);
              stop(`${id}-edit-arguments`);
            }}
            onCancel={() => stop(`${id}-edit-arguments`)}
          />
        ) : undefined
      }
      resultEditor={
        editing === 'result' ? (
          <div>
            <div className="mb-1 text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Result sent</div>
            <InlineEditor
              unavailable={busy}
              initial={card.result}
              label={`Result for ${name}`}
              mono
              onSave={(text) => {
                controls.onEditResult(text);
                stop(`${id}-edit-result`);
              }}
              onCancel={() => stop(`${id}-edit-result`)}
            />
          </div>
        ) : undefined
      }
    />
  );
}
