'use client';

/**
 * The page: tools + mocks on the left, the conversation in the middle, settings + inspector on the
 * right (tabs on narrow screens). Everything it shows lives in the one playground store; this file
 * lays the areas out and owns the page-level dialogs and notices.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { unansweredCalls } from '@/lib/conversation/reducer';
import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from '@/lib/scenario/base';
import type { Template } from '@/lib/scenario/templates';
import { hasConversation, isStreaming, mainConversation } from '@/lib/store/selectors';
import { ChatPanel } from '@/components/chat/chat-panel';
import { Inspector, type InspectorFocus } from '@/components/inspector/inspector';
import type { PresenterMode } from '@/components/presenter/presenter-view';
import { PRESENT_BUTTON_ID } from '@/components/presenter/demo-bar';
import type { LinkView } from '@/lib/scenario/link-view';
import { useConfirm } from '@/components/scenario/confirm';
import { scenarioIoOrAlert } from '@/components/scenario/scenario-io-loader';
import { useShareLink } from '@/components/scenario/use-share-link';
import { useWorkSession } from '@/components/scenario/use-work-session';
import { ConnectedSettings } from '@/components/settings/connected-settings';
import { needsAccessToken, useModels } from '@/components/settings/use-models';
import { ToolsPanel } from '@/components/tools/tools-panel';
import { panelClass } from '@/components/ui/controls';
import { MobileTabs, areaPanelId, type Area } from '@/components/ui/mobile-tabs';
import { NoticeBar, type Notice } from '@/components/ui/notice-bar';
import { AppHeader } from './app-header';
import { PaneResizer, usePaneWidth } from './pane-resizer';
import { AccessGate, EvaluateDialog, ExportDialog, LibraryDialog, PresenterView, ServersPanel, TemplatesDialog } from './lazy-dialogs';
import { PlaygroundStoreProvider, usePlayground, usePlaygroundStore } from './store-context';

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
  return (
    <PlaygroundStoreProvider initial={DEFAULT_SCENARIO}>
      <PlaygroundPage />
    </PlaygroundStoreProvider>
  );
}

function PlaygroundPage() {
  const store = usePlaygroundStore();
  const view = usePlayground((s) => {
    const main = mainConversation(s);
    return {
      mainId: main.id,
      name: s.settings.name,
      templateId: s.session.templateId,
      savedId: s.session.savedId,
      streaming: s.order.some((id) => isStreaming(s.conversations[id])),
      canReset: hasConversation(s),
      unanswered: unansweredCalls(main.state).length,
      toolErrors: s.tools.lint.errorCount,
    };
  });
  const [area, setArea] = useState<Area>('chat');
  // Comparing, the inspector shows the calls of the column last pointed at or focused (else the first).
  const [inspected, setInspected] = useState<string | null>(null);
  const order = usePlayground((s) => s.order);
  const inspectedId = inspected && order.includes(inspected) ? inspected : view.mainId;
  const inspectedModel = usePlayground((s) => (s.order.length > 1 ? (s.conversations[inspectedId]?.model ?? s.settings.model) : null));
  const wide = useWide();
  const models = useModels();
  const settingsPane = useRef<HTMLDivElement>(null);
  const paneWidth = usePaneWidth();

  const [notice, setNotice] = useState<Notice | null>(null);
  const dismissNotice = useCallback(() => setNotice(null), []);
  const [dialog, setDialog] = useState<'templates' | 'library' | 'evaluate' | null>(null);
  const [exporting, setExporting] = useState<Scenario | null>(null);
  const confirm = useConfirm();
  const session = useWorkSession({ store, ask: confirm.ask, notify: setNotice });
  const [presenting, setPresenting] = useState<PresenterMode | null>(null);
  const onLinkView = useCallback((linkView: LinkView) => setPresenting(linkView === 'replay' ? 'replay' : 'live'), []);
  const sharing = useShareLink({ store, session, ask: confirm.ask, notify: setNotice, onView: onLinkView, locked: needsAccessToken(models.error) });
  const [inspectorFocus, setInspectorFocus] = useState<InspectorFocus | null>(null);
  const inspectCall = useCallback((requestId: string) => {
    setInspected(null);
    setArea('settings');
    setInspectorFocus((focus) => ({ requestId, nonce: (focus?.nonce ?? 0) + 1 }));
  }, []);
  const leavePresenter = useCallback(() => {
    setPresenting(null);
    // Back on the button that opens it.
    requestAnimationFrame(() => document.getElementById(PRESENT_BUTTON_ID)?.focus());
  }, []);

  const exportJson = useCallback(async () => {
    const io = await scenarioIoOrAlert(setNotice, 'Not exported');
    if (!io) return;
    const file = io.downloadScenarioFile(store.getState().snapshot().scenario);
    setNotice({ kind: 'status', message: `Downloaded ${file}.` });
  }, [store]);

  const chooseTemplate = async (template: Template) => {
    const loaded = await session.replace(
      { scenario: cloneScenario(template.scenario), session: { templateId: template.id } },
      { title: 'Load this template?', confirmLabel: 'Load the template', what: `the template “${template.title}”`, askAnyway: view.canReset },
    );
    if (!loaded) return;
    setDialog(null);
    setArea('chat');
    setNotice({ kind: 'status', message: `Loaded the template “${template.title}”.` });
  };

  // Fork from here: the copy opens as new work, so the work it comes from is saved to the Library first
  // when it is not (Save asks, as ever, if another tab saved that entry since); nothing is lost, and
  // Undo brings the original back.
  const fork = useCallback(
    async (conversationId: string, key: string) => {
      if (store.getState().hasUnsavedWork() && !(await session.save())) return;
      store.getState().fork(conversationId, key);
    },
    [session, store],
  );
  const onFork = useCallback((conversationId: string, key: string) => void fork(conversationId, key), [fork]);

  // A case opened as it ran replaces the work the same way, with the same safety net.
  const openCase = async (model: string, caseId: string) => {
    if (store.getState().hasUnsavedWork() && !(await session.save())) return;
    if (!store.getState().openCaseResult(model, caseId)) return;
    setDialog(null);
    setArea('chat');
  };

  // Ctrl+S / ⌘S saves to the Library, as people expect of an editor.
  const { save } = session;
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

  const panel = (id: Area, className: string) => ({
    id: areaPanelId(id),
    role: wide ? undefined : 'tabpanel',
    'aria-labelledby': wide ? undefined : `tab-${id}`,
    className: `${className} ${area === id ? 'flex' : 'hidden'} lg:flex`,
  });

  const noticeBar = (
    <NoticeBar
      notice={notice}
      onDismiss={dismissNotice}
      onExportJson={() => void exportJson()}
      onShareReplay={view.canReset ? () => void sharing.share('replay') : undefined}
      onMakeShortLink={(days) => void sharing.makeShortLink(days)}
      onDeleteShortLink={() => void sharing.deleteShortLink()}
    />
  );
  const dialogs = (
    <>
      {/* Each dialog loads the first time it opens (lazy-dialogs.tsx). */}
      {dialog === 'templates' ? (
        <TemplatesDialog onClose={() => setDialog(null)} onChoose={(t) => void chooseTemplate(t)} currentId={view.templateId} />
      ) : null}
      {dialog === 'library' ? (
        <LibraryDialog
          onClose={() => setDialog(null)}
          currentId={view.savedId}
          onOpen={(entry) => session.openEntry(entry, 'saved', 'Opened')}
          onImported={(entry) => session.openEntry(entry, 'imported', 'Imported into the Library and opened')}
          onRenamed={session.entryRenamed}
          onDeleted={session.entryDeleted}
          onExportJson={() => void exportJson()}
        />
      ) : null}
      {dialog === 'evaluate' ? <EvaluateDialog onClose={() => setDialog(null)} onOpenCase={(model, caseId) => void openCase(model, caseId)} /> : null}
      {exporting ? <ExportDialog scenario={exporting} onClose={() => setExporting(null)} /> : null}
      {confirm.dialog}
      {needsAccessToken(models.error) ? <AccessGate /> : null}
    </>
  );

  if (presenting) {
    return (
      <>
        <PresenterView
          // A replay starts over each time; going live keeps the step shown.
          key={presenting === 'replay' ? 'replay' : 'presenter'}
          mode={presenting}
          onMode={setPresenting}
          onLeave={leavePresenter}
          onInspect={(requestId) => {
            setPresenting(null);
            inspectCall(requestId);
          }}
          onShareReplay={() => void sharing.share('replay')}
          notices={noticeBar}
        />
        {dialogs}
      </>
    );
  }

  return (
    <div className="flex h-dvh flex-col">
      <AppHeader
        name={view.name}
        onName={(name) => store.getState().patchSettings({ name })}
        onTemplates={() => setDialog('templates')}
        onLibrary={() => setDialog('library')}
        onSave={() => void save()}
        onShare={() => void sharing.share()}
        onExport={() => setExporting(store.getState().snapshot().scenario)}
        onEvaluate={() => setDialog('evaluate')}
        onNewChat={() => void (view.streaming || session.newChat())}
        canReset={!view.streaming && view.canReset}
      />
      {noticeBar}
      <MobileTabs active={area} onChange={setArea} badges={{ chat: view.unanswered ? String(view.unanswered) : undefined, tools: view.toolErrors ? '!' : undefined }} />
      <main
        style={paneWidth.style}
        className="grid min-h-0 flex-1 grid-cols-1 gap-px bg-zinc-200 lg:grid-cols-[minmax(19rem,1fr)_minmax(0,1.65fr)_var(--settings-pane,minmax(18rem,0.95fr))] dark:bg-zinc-800"
      >
        <div {...panel('tools', `${panelClass} min-w-0 bg-white dark:bg-zinc-900`)}>
          <ToolsPanel />
        </div>
        <div {...panel('chat', `${panelClass} min-w-0 bg-zinc-50 dark:bg-zinc-950`)}>
          <ChatPanel
            onFork={onFork}
            inspected={inspectedId}
            onInspect={setInspected}
            demo={{ onInspectCall: inspectCall, onPresent: () => setPresenting('live'), onReplay: view.canReset && !view.streaming ? () => setPresenting('replay') : null }}
          />
        </div>
        <div ref={settingsPane} {...panel('settings', `${panelClass} relative min-w-0 overflow-y-auto bg-white dark:bg-zinc-900`)}>
          {wide ? <PaneResizer pane={settingsPane} width={paneWidth.width} onWidth={paneWidth.setWidth} /> : null}
          <ConnectedSettings />
          <ServersPanel />
          <Inspector conversationId={inspectedId} model={inspectedModel} focus={inspectedId === view.mainId ? inspectorFocus : null} />
        </div>
      </main>
      {dialogs}
    </div>
  );
}
