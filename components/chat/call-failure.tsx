'use client';

/**
 * What went wrong with the last model call, and "Retry" (which re-runs it with the settings as they are
 * now, so switching the model and retrying works). A stop is not an error: it gets a quiet status line.
 */
import { describeChatError, type ChatError } from '@/lib/wire/chat-client';
import { Button } from '@/components/ui/controls';

function advice(error: ChatError): string {
  if (error.kind === 'network') return 'Check that the playground server is running.';
  if (error.status === 429 && !/retry|wait/i.test(error.message)) return 'Wait a moment, then retry.';
  // The server's messages already say what to do; switching the model before Retry also works.
  return '';
}

interface Props {
  error: ChatError;
  onRetry: () => void;
  disabled: boolean;
  /** Whether some of the reply arrived before the stop or the failure (it stays in the conversation). */
  partial: boolean;
}

export function CallFailure({ error, onRetry, disabled, partial }: Props) {
  if (error.kind === 'aborted') {
    return (
      <div role="status" className="mx-auto flex max-w-3xl items-center gap-3 px-4 pb-4 text-sm text-zinc-600 dark:text-zinc-400">
        <span>{partial ? 'Stopped. The partial reply is kept; Retry asks again.' : 'Stopped before the model answered.'}</span>
        <Button size="sm" onClick={onRetry} disabled={disabled}>
          Retry
        </Button>
      </div>
    );
  }
  const title =
    error.kind === 'cut'
      ? 'The reply was cut off'
      : error.kind === 'network'
        ? 'The server could not be reached'
        : error.kind === 'interrupted'
          ? 'The model call was interrupted'
          : 'The model call failed';
  return (
    <div className="mx-auto max-w-3xl px-4 pb-4">
      <div
        role="alert"
        className="flex flex-col gap-3 rounded-lg border border-rose-200 bg-rose-50 px-3.5 py-3 text-sm sm:flex-row sm:items-start dark:border-rose-900/70 dark:bg-rose-950/40"
      >
        <div className="min-w-0 flex-1">
          <p className="font-medium text-rose-800 dark:text-rose-200">{title}</p>
          <p className="mt-0.5 break-words text-rose-900 dark:text-rose-100">{describeChatError(error)}</p>
          <p className="mt-1 text-xs text-rose-700/90 dark:text-rose-300/80">{[advice(error), partial ? (/partial/i.test(error.message) ? '' : 'The partial reply is kept above; Retry replaces it.') : 'Your conversation is kept.']
              .filter(Boolean)
              .join(' ')}</p>
        </div>
        <Button onClick={onRetry} disabled={disabled} className="self-start">
          Retry
        </Button>
      </div>
    </div>
  );
}
