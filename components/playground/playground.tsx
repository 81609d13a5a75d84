'use client';

/**
 * The page: tools + mocks on the left, the conversation in the middle, settings + inspector on the
 * right (tabs on narrow screens). Wires the workspace (scenario state + conversation reducer) to the
 * model calls; everything it shows is derived from those two.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { OFFLINE_SIMULATOR_ID } from '@/lib/wire/models';
import { requestSizeProblem, unansweredCalls } from '@/lib/conversation/reducer';
import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from '@/lib/scenario/base';
import type { Template } from '@/lib/scenario/templates';
import { AppHeader } from './app-header';
import { CallFailure } from '@/components/chat/call-failure';
import { Composer } from '@/components/chat/composer';
import { useConfirmReplace } from '@/components/scenario/confirm-replace';
import { ConversationLog } from '@/components/chat/conversation-log';
import { Inspector } from '@/components/inspector/inspector';
import { AccessGate, ExportDialog, LibraryDialog, TemplatesDialog } from './lazy-dialogs';
import { MobileTabs, areaPanelId, type Area } from '@/components/ui/mobile-tabs';
import { MocksPanel } from '@/components/tools/mocks-panel';
import { NoticeBar, type Notice } from '@/components/ui/notice-bar';
import { scenarioIoOrAlert } from '@/components/scenario/scenario-io-loader';
import { SettingsPanel } from '@/components/settings/settings-panel';
import { SystemPrompt } from '@/components/chat/system-prompt';
import { TemplateNote } from '@/components/chat/template-note';
import { ToolsEditor } from '@/components/tools/tools-editor';
import { useModelCalls } from './use-model-calls';
import { MODELS_QUERY_KEY, needsAccessToken, useModels } from '@/components/settings/use-models';
import { useScenarioSession } from '@/components/scenario/use-scenario-session';
import { useShareLink } from '@/components/scenario/use-share-link';
import { settingsProblem, useWorkspace } from './use-workspace';
import { panelClass } from '@/components/ui/controls';

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

  // Scenario-level state: notices, work in progress, share links, the Library, templates, export.
  const [notice, setNotice] = useState<Notice | null>(null);
  const dismissNotice = useCallback(() => setNotice(null), []);
  const [dialog, setDialog] = useState<'templates' | 'library' | null>(null);
  const [exporting, setExporting] = useState<Scenario | null>(null);
  const confirm = useConfirmReplace();
  const stopCall = useRef<() => void>(() => {});
  const persisted = useRef<(scenario: Scenario) => void>(() => {});
  const session = useScenarioSession({
    ws,
    ask: confirm.ask,
    notify: setNotice,
    beforeLoad: () => {
      stopCall.current();
      // A loaded scenario brings its own model: keep it even when this server cannot run it.
      modelChosen.current = true;
    },
    onPersisted: (scenario) => persisted.current(scenario),
  });
  const sharing = useShareLink({ session, snapshot: ws.snapshot, notify: setNotice });
  useEffect(() => {
    persisted.current = sharing.scenarioPersisted;
  });
  const { onToolsText: keepToolsText } = ws;
  const { touched } = session;
  const onToolsText = useCallback(
    (text: string) => {
      keepToolsText(text);
      touched();
    },
    [keepToolsText, touched],
  );
  const exportJson = useCallback(async () => {
    const io = await scenarioIoOrAlert(setNotice, 'Not exported');
    if (!io) return;
    const file = io.downloadScenarioFile(ws.toScenario());
    setNotice({ kind: 'status', message: `Downloaded ${file}.` });
  }, [ws]);
  const chooseTemplate = async (template: Template) => {
    const loaded = await session.replace(
      cloneScenario(template.scenario),
      { title: 'Load this template?', confirmLabel: 'Load the template', what: `the template “${template.title}”`, askAnyway: conversation.entries.length > 0 },
      { templateId: template.id },
    );
    if (!loaded) return;
    setDialog(null);
    setArea('chat');
    setNotice({ kind: 'status', message: `Loaded the template “${template.title}”.` });
  };
  const openSaved = (what: string, verb: string) => async (id: string, scenario: Scenario) => {
    const opened = await session.replace(scenario, { title: `Open the ${what} scenario?`, confirmLabel: 'Open it', what: `the ${what} scenario “${scenario.name}”` }, { savedId: id });
    if (opened) setNotice({ kind: 'status', message: `${verb} “${scenario.name}”.` });
    return opened;
  };

  // Ctrl+S / ⌘S saves to the Library, as people expect of an editor.
  const save = session.save;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const blockReason = settingsProblem(settings, lint) ?? requestSizeProblem(conversation, settings.system);
  const calls = useModelCalls({ conversation, dispatch, settings, currentLint: ws.currentLint, blockReason });
  useEffect(() => {
    stopCall.current = calls.stop;
  });

  // The access cookie expired mid-session: ask for the token again (the gate watches the model list).
  const queryClient = useQueryClient();
  const failureCode = conversation.failure?.error.code;
  useEffect(() => {
    if (failureCode === 'access_token_required') void queryClient.invalidateQueries({ queryKey: MODELS_QUERY_KEY });
  }, [failureCode, queryClient]);
  const unanswered = unansweredCalls(conversation).length;
  const reason = blockReason
    ? { text: blockReason, tone: lint.checking ? ('step' as const) : ('error' as const) }
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
        name={settings.name}
        onName={(name) => patch({ name })}
        onTemplates={() => setDialog('templates')}
        onLibrary={() => setDialog('library')}
        onSave={() => void save()}
        onShare={() => void sharing.share()}
        onExport={() => setExporting(ws.toScenario())}
        onNewChat={() => calls.streaming || dispatch({ type: 'conversationReset' })}
        canReset={!calls.streaming && (conversation.entries.length > 0 || conversation.calls.length > 0)}
      />
      <NoticeBar notice={notice} onDismiss={dismissNotice} onExportJson={() => void exportJson()} />
      <MobileTabs active={area} onChange={setArea} badges={{ chat: unanswered ? String(unanswered) : undefined, tools: lint.errorCount ? '!' : undefined }} />
      <main className="grid min-h-0 flex-1 grid-cols-1 gap-px bg-zinc-200 lg:grid-cols-[minmax(19rem,1fr)_minmax(0,1.65fr)_minmax(18rem,0.95fr)] dark:bg-zinc-800">
        <div {...panel('tools', `${panelClass} min-w-0 bg-white dark:bg-zinc-900`)}>
          <ToolsEditor seed={ws.toolsSeed} lint={lint} onText={onToolsText} onLint={ws.onToolsLint} onReplace={ws.seedTools} />
          <MocksPanel functionNames={ws.functionNames} mocks={settings.mocks} onChange={(mocks) => patch({ mocks })} />
        </div>

        <div {...panel('chat', `${panelClass} min-w-0 bg-zinc-50 dark:bg-zinc-950`)}>
          <SystemPrompt value={settings.system} onChange={(system) => patch({ system })} />
          <TemplateNote templateId={session.templateId} onDismiss={session.dismissTemplate} />
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

      {/* Each dialog loads the first time it opens (lazy-dialogs.tsx). */}
      {dialog === 'templates' ? (
        <TemplatesDialog onClose={() => setDialog(null)} onChoose={(t) => void chooseTemplate(t)} currentId={session.templateId} />
      ) : null}
      {dialog === 'library' ? (
        <LibraryDialog
          onClose={() => setDialog(null)}
          currentId={session.savedId}
          onOpen={openSaved('saved', 'Opened')}
          onImported={openSaved('imported', 'Imported into the Library and opened')}
          onRenamed={session.entryRenamed}
          onDeleted={session.entryDeleted}
          onExportJson={() => void exportJson()}
        />
      ) : null}
      {exporting ? <ExportDialog scenario={exporting} onClose={() => setExporting(null)} /> : null}
      {confirm.dialog}
      {needsAccessToken(models.error) ? <AccessGate /> : null}
    </div>
  );
}
