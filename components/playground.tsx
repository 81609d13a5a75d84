'use client';

/**
 * The page: tools + mocks on the left, the conversation in the middle, settings + inspector on the
 * right (tabs on narrow screens). Wires the workspace (scenario state + conversation reducer) to the
 * model calls; everything it shows is derived from those two.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { OFFLINE_SIMULATOR_ID } from '@/lib/models';
import { unansweredCalls } from '@/lib/conversation';
import { AppHeader } from './app-header';
import { CallFailure } from './call-failure';
import { Composer } from './composer';
import { ConversationLog } from './conversation-log';
import { DEFAULT_SCENARIO } from '@/lib/scenario';
import { Inspector } from './inspector';
import { MobileTabs, areaPanelId, type Area } from './mobile-tabs';
import { MocksPanel } from './mocks-panel';
import { SettingsPanel } from './settings-panel';
import { SystemPrompt } from './system-prompt';
import { ToolsEditor } from './tools-editor';
import { useModelCalls } from './use-model-calls';
import { useModels } from './use-models';
import { settingsProblem, useWorkspace } from './use-workspace';
import { panelClass } from './ui';

const WIDE = '(min-width: 1024px)';

function useWide(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const media = window.matchMedia(WIDE);
      media.addEventListener('change', onChange);
      return () => media.removeEventListener('change', onChange);
    },
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
}

export function Playground() {
  const ws = useWorkspace(DEFAULT_SCENARIO);
  const { settings, patch, conversation, dispatch, lint } = ws;
  const [area, setArea] = useState<Area>('chat');
  const wide = useWide();

  // With no key on the server, the default scenario switches to the simulator (until the person picks).
  const models = useModels();
  const modelChosen = useRef(false);
  useEffect(() => {
    const list = models.data;
    if (!list || modelChosen.current) return;
    const current = list.data.find((m) => m.id === settings.model);
    if (!list.key_configured && (!current || !current.available)) patch({ model: OFFLINE_SIMULATOR_ID });
    modelChosen.current = true;
  }, [models.data, settings.model, patch]);
  const chooseModel = useCallback(
    (model: string) => {
      modelChosen.current = true;
      patch({ model });
    },
    [patch],
  );

  const blockReason = settingsProblem(settings, lint);
  const calls = useModelCalls({ conversation, dispatch, settings, currentLint: ws.currentLint, blockReason });
  const unanswered = unansweredCalls(conversation).length;
  const reason = blockReason
    ? { text: blockReason, tone: 'error' as const }
    : unanswered
      ? {
          text: `Answer the tool calls first: approve or reject ${unanswered === 1 ? 'the call' : `each of the ${unanswered} calls`} above.`,
          tone: 'step' as const,
        }
      : null;

  const send = () => {
    const text = settings.draft;
    if (!text.trim() || reason || calls.streaming) return;
    dispatch({ type: 'userSent', text });
    patch({ draft: '' });
  };

  const failure = conversation.failure;
  const panel = (id: Area, className: string) => ({
    id: areaPanelId(id),
    role: wide ? undefined : 'tabpanel',
    'aria-labelledby': wide ? undefined : `tab-${id}`,
    className: `${className} ${area === id ? 'flex' : 'hidden'} lg:flex`,
  });

  return (
    <div className="flex h-dvh flex-col">
      <AppHeader
        onNewChat={() => calls.streaming || dispatch({ type: 'conversationReset' })}
        canReset={!calls.streaming && (conversation.entries.length > 0 || conversation.calls.length > 0)}
      />
      <MobileTabs active={area} onChange={setArea} badges={{ chat: unanswered ? String(unanswered) : undefined, tools: lint.errorCount ? '!' : undefined }} />
      <main className="grid min-h-0 flex-1 grid-cols-1 gap-px bg-zinc-200 lg:grid-cols-[minmax(19rem,1fr)_minmax(0,1.65fr)_minmax(18rem,0.95fr)] dark:bg-zinc-800">
        <div {...panel('tools', `${panelClass} min-w-0 bg-white dark:bg-zinc-900`)}>
          <ToolsEditor seed={ws.toolsSeed} lint={lint} onText={ws.onToolsText} onLint={ws.onToolsLint} onReplace={ws.seedTools} />
          <MocksPanel functionNames={ws.functionNames} mocks={settings.mocks} onChange={(mocks) => patch({ mocks })} />
        </div>

        <div {...panel('chat', `${panelClass} min-w-0 bg-zinc-50 dark:bg-zinc-950`)}>
          <SystemPrompt value={settings.system} onChange={(system) => patch({ system })} />
          <ConversationLog conversation={conversation} dispatch={dispatch} currentTools={lint.tools}>
            {failure ? (
              <CallFailure
                error={failure.error}
                partial={conversation.entries.some((e) => e.kind === 'assistant' && e.requestId === failure.requestId)}
                onRetry={() => dispatch({ type: 'retryRequested' })}
                disabled={Boolean(blockReason) || calls.streaming}
              />
            ) : null}
          </ConversationLog>
          <Composer
            draft={settings.draft}
            onDraft={(draft) => patch({ draft })}
            onSend={send}
            onStop={calls.stop}
            onContinue={calls.start}
            streaming={calls.streaming}
            reason={reason}
            held={calls.held}
          />
        </div>

        <div {...panel('settings', `${panelClass} min-w-0 bg-white dark:bg-zinc-900`)}>
          <SettingsPanel settings={settings} patch={patch} onModelChosen={chooseModel} functionNames={ws.functionNames} />
          <Inspector conversation={conversation} />
        </div>
      </main>
    </div>
  );
}
