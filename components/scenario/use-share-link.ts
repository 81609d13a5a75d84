'use client';

/**
 * Share links in the page. On load: this tab's work comes back, then a `#s=` link (if any) is opened
 * over it — asking first when it would replace unsaved changes — and the fragment is cleared so that
 * a reload does not apply it again. The same on `hashchange` (a link pasted into this tab). A broken
 * link leaves what was open and says why. "Share" puts the link in the address bar and on the
 * clipboard, and says what a link leaves out; the address bar drops the link again once the scenario
 * changes (when the work is next kept, never per keystroke).
 */
import { useCallback, useEffect, useRef } from 'react';
import type { Scenario } from '@/lib/scenario/base';
import { linkView, withView, type LinkView } from '@/lib/scenario/link-view';
import type { PlaygroundStore } from '@/lib/store/playground-store';
import { copyText } from '@/components/ui/clipboard';
import type { Notice } from '@/components/ui/notice-bar';
import { loadedScenarioIo, scenarioIoOrAlert } from './scenario-io-loader';
import type { WorkSession } from './use-work-session';

function setFragment(fragment: string) {
  const { pathname, search } = window.location;
  // Keep history.state: the Next.js router keeps its own entry there.
  window.history.replaceState(window.history.state, '', `${pathname}${search}${fragment ? `#${fragment}` : ''}`);
}

interface Options {
  store: PlaygroundStore;
  session: WorkSession;
  notify: (notice: Notice) => void;
  /** A link opened that asks for the presenter view or its replay (lib/scenario/link-view.ts). */
  onView: (view: LinkView) => void;
}

export function useShareLink({ store, session, notify, onView }: Options) {
  /** The fragment "Share" put in the address bar, while it still matches the scenario. */
  const ownFragment = useRef<string | null>(null);

  const openLink = useCallback(
    async (hash: string) => {
      if (hash === '' || hash === '#') return;
      const io = await scenarioIoOrAlert(notify, 'The shared link could not be opened');
      if (!io) return;
      const decoded = io.decodeShareHash(hash);
      if (decoded.kind === 'none') return;
      if (decoded.kind === 'error') {
        setFragment('');
        const unchanged = /nothing you had open/i.test(decoded.message) ? '' : ' Nothing you had open was changed.';
        notify({ kind: 'alert', title: 'The shared link could not be opened', message: `${decoded.message}${unchanged}` });
        return;
      }
      const view = linkView(hash);
      if (io.encodeScenario(store.getState().snapshot().scenario) === io.encodeScenario(decoded.scenario)) {
        // Already open (a reload after Share): nothing to replace.
        setFragment('');
        if (view) onView(view);
        return;
      }
      const opened = await session.replace(
        { scenario: decoded.scenario },
        { title: 'Open the shared scenario?', confirmLabel: 'Open the link', what: `the shared scenario “${decoded.scenario.name}”` },
      );
      // Whatever the answer, the link has been dealt with: a reload must not ask again.
      if (io.decodeShareHash(window.location.hash).kind !== 'none') setFragment('');
      ownFragment.current = null;
      if (!opened) return;
      notify({ kind: 'status', message: `Opened the shared scenario “${decoded.scenario.name}”.` });
      if (view) onView(view);
    },
    [notify, onView, session, store],
  );

  // Once per page: this tab's work, then the link over it.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void session.restore().then(() => openLink(window.location.hash));
  }, [openLink, session]);

  useEffect(() => {
    const onHashChange = () => void openLink(window.location.hash);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [openLink]);

  /** `view`: the link opens in the presenter view or its replay (else in the workbench). */
  const share = useCallback(async (view: LinkView | null = null) => {
    const io = await scenarioIoOrAlert(notify, 'Not shared');
    if (!io) return;
    const { scenario, invalidToolsText } = store.getState().snapshot();
    const tooLarge = io.linkTooLarge(scenario);
    if (tooLarge) {
      notify({ kind: 'too-large', ...tooLarge });
      return;
    }
    const fragment = withView(io.encodeScenario(scenario), view);
    const link = io.shareUrl(`${window.location.origin}${window.location.pathname}`, scenario, view);
    setFragment(fragment);
    ownFragment.current = fragment;
    const copied = await copyText(link);
    notify({
      kind: 'share',
      link,
      view,
      copied,
      lastValidTools: invalidToolsText !== null,
      leavesOutRecords: scenario.inspector.length > 0,
      leavesOutCaseConversations: io.scorecardLeftOut(scenario),
    });
  }, [notify, store]);

  // After the work was kept: the link in the address bar no longer shows the scenario once it changed.
  useEffect(
    () =>
      session.onWorkKept((scenario: Scenario) => {
        const own = ownFragment.current;
        const io = loadedScenarioIo();
        if (!own || !io || window.location.hash !== `#${own}`) return;
        if (io.encodeScenario(scenario) !== own) {
          setFragment('');
          ownFragment.current = null;
        }
      }),
    [session],
  );

  return { share };
}
