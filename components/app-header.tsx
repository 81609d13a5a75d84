'use client';

/** The title bar: what this is, whether a key is configured, and "New chat". */
import { useModels } from './use-models';
import { Badge, Button } from './ui';

export function AppHeader({ onNewChat, canReset }: { onNewChat: () => void; canReset: boolean }) {
  const models = useModels();
  const keyConfigured = models.data?.key_configured;
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-zinc-200 bg-white px-3 sm:px-4 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex min-w-0 items-center gap-2.5">
        <svg aria-hidden viewBox="0 0 32 32" className="size-6 shrink-0">
          <rect width="32" height="32" rx="7" className="fill-indigo-600 dark:fill-indigo-500" />
          <path
            d="M11 9c-2 0-3 1-3 3v2c0 1-1 2-2 2 1 0 2 1 2 2v2c0 2 1 3 3 3M21 9c2 0 3 1 3 3v2c0 1 1 2 2 2-1 0-2 1-2 2v2c0 2-1 3-3 3"
            fill="none"
            stroke="#fff"
            strokeWidth="2"
            strokeLinecap="round"
          />
          <circle cx="16" cy="16" r="2.2" fill="#fff" />
        </svg>
        <h1 className="truncate text-sm font-semibold tracking-tight">
          Function Calling Playground
        </h1>
      </div>
      <div className="ml-auto flex items-center gap-2">
        <span className="hidden sm:block">
          {keyConfigured === false ? (
            <Badge tone="warning">No API key on the server: offline simulator only</Badge>
          ) : keyConfigured ? (
            <Badge tone="success">API key configured</Badge>
          ) : null}
        </span>
        <Button size="sm" variant="ghost" onClick={onNewChat} disabled={!canReset}>
          New chat
        </Button>
      </div>
    </header>
  );
}
