'use client';

/**
 * The title bar: what this is, the scenario's name (editable), whether a key is configured, the
 * scenario actions (Templates, Library, Save, Share, Export, Evaluate, New chat) and the theme switch.
 */
import { MAX_NAME_CHARS } from '@/lib/scenario/base';
import { HeaderActions, ICONS, type HeaderAction } from './header-actions';
import { ThemeSwitch } from './theme-switch';
import { useModels } from '@/components/settings/use-models';
import { Badge } from '@/components/ui/controls';

interface Props {
  name: string;
  onName: (name: string) => void;
  onTemplates: () => void;
  onLibrary: () => void;
  onSave: () => void;
  onShare: () => void;
  onExport: () => void;
  onEvaluate: () => void;
  onNewChat: () => void;
  canReset: boolean;
}

export function AppHeader({ name, onName, onTemplates, onLibrary, onSave, onShare, onExport, onEvaluate, onNewChat, canReset }: Props) {
  const models = useModels();
  const keyConfigured = models.data?.key_configured;
  const actions: HeaderAction[] = [
    { label: 'Templates', onClick: onTemplates, icon: ICONS.templates },
    { label: 'Library', onClick: onLibrary, icon: ICONS.library },
    { label: 'Save', onClick: onSave, icon: ICONS.save, group: true },
    { label: 'Share', onClick: onShare, icon: ICONS.share },
    { label: 'Export', onClick: onExport, icon: ICONS.export },
    { label: 'Evaluate', onClick: onEvaluate, icon: ICONS.evaluate, group: true },
  ];
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-zinc-200 bg-white px-3 sm:gap-3 sm:px-4 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex min-w-0 flex-1 items-center gap-2.5">
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
        <h1 className="sr-only shrink-0 text-sm font-semibold tracking-tight md:not-sr-only md:whitespace-nowrap">
          Function Calling Playground
        </h1>
        <span aria-hidden className="hidden text-zinc-300 md:inline dark:text-zinc-600">
          /
        </span>
        <input
          aria-label="Scenario name"
          value={name}
          maxLength={MAX_NAME_CHARS}
          onChange={(event) => onName(event.target.value)}
          placeholder="Untitled scenario"
          title="Scenario name"
          className="h-7 w-full max-w-72 min-w-0 flex-1 truncate rounded-md border border-transparent bg-transparent px-1.5 text-[13px] font-medium text-zinc-700 hover:border-zinc-200 focus:border-indigo-500 focus:bg-white focus:ring-2 focus:ring-indigo-500/30 focus:outline-none dark:text-zinc-200 dark:hover:border-zinc-700 dark:focus:bg-zinc-950"
        />
      </div>
      <span className="hidden 2xl:block">
        {keyConfigured === false ? (
          <Badge tone="warning">No API key on the server: offline simulator only</Badge>
        ) : keyConfigured ? (
          <Badge tone="success">API key configured</Badge>
        ) : null}
      </span>
      <span className="hidden xl:block 2xl:hidden">
        {keyConfigured === false ? (
          <Badge tone="warning">
            <span title="No API key on the server: offline simulator only">No API key: simulator only</span>
          </Badge>
        ) : keyConfigured ? (
          <Badge tone="success">API key configured</Badge>
        ) : null}
      </span>
      <div className="flex shrink-0 items-center gap-1">
        <HeaderActions
          actions={actions}
          newChat={{ label: 'New chat', onClick: onNewChat, disabled: !canReset, icon: ICONS.newChat }}
          more={
            <div className="flex items-center justify-between gap-2 text-sm text-zinc-700 sm:hidden dark:text-zinc-300">
              Theme
              <ThemeSwitch />
            </div>
          }
        />
        {/* On a phone the switch sits in "More": the scenario's name needs the room. */}
        <span className="ml-1 hidden sm:block">
          <ThemeSwitch />
        </span>
      </div>
    </header>
  );
}
