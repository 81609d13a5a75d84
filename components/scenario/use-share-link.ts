'use client';

/**
 * Share links in the page. On load: the work in progress comes back, then a `#s=` link (if any) is
 * opened over it — asking first when it would replace unsaved changes — and the fragment is cleared so
 * that a reload does not apply it again. The same on `hashchange` (a link pasted into this tab). A
 * broken link leaves what was open and says why. "Share" puts the link in the address bar and on the
 * clipboard; the address bar drops it again once the scenario changes (on the work-in-progress
 * debounce, never per keystroke).
 */
import { useCallback, useEffect, useRef } from 'react';
import type { Scenario } from '@/lib/scenario/base';
import { scenarioFingerprint } from '@/lib/scenario/fingerprint';
import { copyText } from '@/components/ui/clipboard';
import type { Notice } from '@/components/ui/notice-bar';
import { loadedScenarioIo, scenarioIoOrAlert } from './scenario-io-loader';
import type { Current, ScenarioSession } from './use-scenario-session';

function setFragment(fragment: string) {
  const { pathname, search } = window.location;
  // Keep history.state: the Next.js router keeps its own entry there.
  window.history.replaceState(window.history.state, '', `${pathname}${search}${fragment ? `#${fragment}` : ''}`);
}

interface Options {
  session: ScenarioSession;
  /** The scenario now, and the tools text when it is not valid tools (the scenario has the last valid ones). */
  snapshot: () => { scenario: Scenario; invalidToolsText: string | null };
  notify: (notice: Notice) => void;
}

export function useShareLink({ session, snapshot, notify }: Options) {
  const latest = useRef({ session, snapshot, notify });
  useEffect(() => {
    latest.current = { session, snapshot, notify };
  });
  /** The fragment "Share" put in the address bar, while it still matches the scenario. */
  const ownFragment = useRef<string | null>(null);

  const openLink = useCallback(async (hash: string, current?: Current) => {
    const { session: s, notify: say } = latest.current;
    if (hash === '' || hash === '#') return;
    const io = await scenarioIoOrAlert(say, 'The shared link could not be opened');
    if (!io) return;
    const decoded = io.decodeShareHash(hash);
    if (decoded.kind === 'none') return;
    if (decoded.kind === 'error') {
      setFragment('');
      const unchanged = /nothing you had open/i.test(decoded.message) ? '' : ' Nothing you had open was changed.';
      say({ kind: 'alert', title: 'The shared link could not be opened', message: `${decoded.message}${unchanged}` });
      return;
    }
    const now = current ?? s.current();
    if (now.fingerprint === scenarioFingerprint(decoded.scenario)) {
      // Already open (a reload after Share): nothing to replace.
      setFragment('');
      return;
    }
    const opened = await s.replace(decoded.scenario, {
      title: 'Open the shared scenario?',
      confirmLabel: 'Open the link',
      what: `the shared scenario “${decoded.scenario.name}”`,
      current: now,
    });
    // Whatever the answer, the link has been dealt with: a reload must not ask again.
    if (io.decodeShareHash(window.location.hash).kind !== 'none') setFragment('');
    ownFragment.current = null;
    if (opened) say({ kind: 'status', message: `Opened the shared scenario “${decoded.scenario.name}”.` });
  }, []);

  // Once per page: the work in progress, then the link over it.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void latest.current.session.restoreWorkInProgress().then((current) => openLink(window.location.hash, current));
  }, [openLink]);

  useEffect(() => {
    const onHashChange = () => void openLink(window.location.hash);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [openLink]);

  const share = useCallback(async () => {
    const { snapshot: now, notify: say } = latest.current;
    const io = await scenarioIoOrAlert(say, 'Not shared');
    if (!io) return;
    const { scenario, invalidToolsText } = now();
    const fragment = io.encodeScenario(scenario);
    if (!io.isShareable(scenario)) {
      say({ kind: 'too-large', chars: fragment.length - fragment.indexOf('.') - 1, max: io.MAX_SHARE_PAYLOAD_CHARS });
      return;
    }
    const link = io.shareUrl(`${window.location.origin}${window.location.pathname}`, scenario);
    setFragment(fragment);
    ownFragment.current = fragment;
    const copied = await copyText(link);
    say({ kind: 'share', link, copied, lastValidTools: invalidToolsText !== null });
  }, []);

  /** After the scenario changed (debounced): the link in the address bar no longer shows it. */
  const scenarioPersisted = useCallback((scenario: Scenario) => {
    const own = ownFragment.current;
    // Loaded: the scenario was persisted, and Share put the fragment there.
    const io = loadedScenarioIo();
    if (!own || !io || window.location.hash !== `#${own}`) return;
    if (io.encodeScenario(scenario) !== own) {
      setFragment('');
      ownFragment.current = null;
    }
  }, []);

  return { share, scenarioPersisted };
}
