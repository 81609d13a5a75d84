'use client';

/**
 * Share links in the page. On load: this tab's work comes back, then a link (if any) is opened over it
 * — asking first when it would replace unsaved changes — and the fragment is cleared so that a reload
 * does not apply it again. The same on `hashchange` (a link pasted into this tab). A broken link leaves
 * what was open and says why. "Share" puts the link in the address bar and on the clipboard, and says
 * what a link leaves out; the address bar drops the link again once the scenario changes (when the
 * work is next kept, never per keystroke).
 *
 * Links: `#s=` carries the scenario itself; `#k=<id>.<key>` is a short link, whose ciphertext the server
 * keeps and whose key only the link holds (lib/links/); `#kd=<id>.<token>` deletes a short link.
 * "Share" offers a short link, up front when the `#s=` link is long or too large to be one.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { Scenario } from '@/lib/scenario/base';
import { linkView, withView, type LinkView } from '@/lib/scenario/link-view';
import type { PlaygroundStore } from '@/lib/store/playground-store';
import { copyText } from '@/components/ui/clipboard';
import type { Notice } from '@/components/ui/notice-bar';
import type { Ask } from './confirm';
import { loadedScenarioIo, scenarioIoOrAlert, type ScenarioIo } from './scenario-io-loader';
import type { WorkSession } from './use-work-session';

function setFragment(fragment: string) {
  const { pathname, search } = window.location;
  // Keep history.state: the Next.js router keeps its own entry there.
  window.history.replaceState(window.history.state, '', `${pathname}${search}${fragment ? `#${fragment}` : ''}`);
}

/** Whether a fragment still holds a link of any kind. */
const holdsLink = (io: ScenarioIo, hash: string) => io.readLinkFragment(hash).kind !== 'none' || io.decodeShareHash(hash).kind !== 'none';

const pageBase = () => `${window.location.origin}${window.location.pathname}`;

const NOT_OPENED = 'The shared link could not be opened';
const unchanged = (message: string) => (/nothing you had open/i.test(message) ? message : `${message} Nothing you had open was changed.`);

interface Options {
  store: PlaygroundStore;
  session: WorkSession;
  ask: Ask;
  notify: (notice: Notice | null) => void;
  /** A link opened that asks for the presenter view or its replay (lib/scenario/link-view.ts). */
  onView: (view: LinkView) => void;
  /** The access gate is up (the server wants its token): a short link that needed it opens once it is passed. */
  locked: boolean;
}

export function useShareLink({ store, session, ask, notify, onView, locked }: Options) {
  /** The fragment "Share" put in the address bar, and the scenario's `#s=` encoding then, while it still matches. */
  const ownFragment = useRef<{ fragment: string; encoded: string } | null>(null);
  /** The view the last Share was for: a short link made from its notice opens in it too. */
  const sharedView = useRef<LinkView | null>(null);
  /** The short link made last, for "Delete the short link": its token is only here and in its delete link. */
  const made = useRef<{ id: string; token: string } | null>(null);
  /** A short link that waits for the access token; it stays in the address bar meanwhile. */
  const waitingForAccess = useRef<string | null>(null);

  /** A scenario a link carried: replaces the work (asking first when unsaved), then the view it asks for. */
  const openShared = useCallback(
    async (io: ScenarioIo, scenario: Scenario, view: LinkView | null) => {
      if (io.encodeScenario(store.getState().snapshot().scenario) === io.encodeScenario(scenario)) {
        // Already open (a reload after Share): nothing to replace.
        setFragment('');
        if (view) onView(view);
        return;
      }
      const opened = await session.replace({ scenario }, { title: 'Open the shared scenario?', confirmLabel: 'Open the link', what: `the shared scenario “${scenario.name}”` });
      // Whatever the answer, the link has been dealt with: a reload must not ask again.
      if (holdsLink(io, window.location.hash)) setFragment('');
      ownFragment.current = null;
      if (!opened) return;
      notify({ kind: 'status', message: `Opened the shared scenario “${scenario.name}”.` });
      if (view) onView(view);
    },
    [notify, onView, session, store],
  );

  const openShortLink = useCallback(
    async (io: ScenarioIo, hash: string, id: string, key: string, view: LinkView | null) => {
      notify({ kind: 'short-link-busy', message: 'Opening the short link…' });
      const fetched = await io.fetchShortLink(id);
      if (!fetched.ok && fetched.reason === 'access_token_required') {
        waitingForAccess.current = hash;
        notify({ kind: 'alert', title: NOT_OPENED, message: 'This playground needs its access token first: enter it in the dialog, and the short link opens.' });
        return;
      }
      if (!fetched.ok) {
        // Worth a reload later: the link stays in the address bar.
        const passing = fetched.reason === 'network' || fetched.reason === 'unavailable' || fetched.reason === 'rate_limited';
        if (!passing) setFragment('');
        notify({ kind: 'alert', title: NOT_OPENED, message: unchanged(`${fetched.message}${passing ? ' The link stays in the address bar: reload to try again.' : ''}`) });
        return;
      }
      const opened = await io.openSealed(fetched.value.ciphertext, key);
      if (!opened.ok) {
        setFragment('');
        notify({ kind: 'alert', title: NOT_OPENED, message: unchanged(opened.message) });
        return;
      }
      notify(null);
      await openShared(io, opened.scenario, view);
    },
    [notify, openShared],
  );

  /** Deletes a short link with its token; says how it went. */
  const removeShortLink = useCallback(
    async (io: ScenarioIo, id: string, token: string) => {
      notify({ kind: 'short-link-busy', message: 'Deleting the short link…' });
      const removed = await io.deleteShortLink(id, token);
      if (!removed.ok) {
        notify({ kind: 'alert', title: 'The short link was not deleted', message: removed.message });
        return;
      }
      if (made.current?.id === id) made.current = null;
      const shown = io.readLinkFragment(window.location.hash);
      if (shown.kind === 'short' && shown.id === id) setFragment('');
      notify({ kind: 'status', message: 'Deleted the short link: anyone who opens it now is told it does not exist.' });
    },
    [notify],
  );

  const askToDelete = useCallback(
    async (message: string) =>
      (await ask({
        title: 'Delete the short link?',
        message,
        choices: [
          { value: 'keep', label: 'Keep it' },
          { value: 'delete', label: 'Delete the short link', primary: true },
        ],
        dismiss: 'keep',
      })) === 'delete',
    [ask],
  );

  const openLink = useCallback(
    async (hash: string) => {
      if (hash === '' || hash === '#') return;
      const io = await scenarioIoOrAlert(notify, NOT_OPENED);
      if (!io) return;
      const fragment = io.readLinkFragment(hash);
      if (fragment.kind === 'malformed') {
        setFragment('');
        notify({ kind: 'alert', title: NOT_OPENED, message: unchanged(fragment.message) });
        return;
      }
      if (fragment.kind === 'short') return openShortLink(io, hash, fragment.id, fragment.key, fragment.view);
      if (fragment.kind === 'delete') {
        // The token leaves the address bar (and this history entry) at once.
        setFragment('');
        const sure = await askToDelete(
          'This is the delete link of a short link. Deleting it cannot be undone: anyone who opens the short link afterwards is told it does not exist. What you have open here stays as it is.',
        );
        if (sure) await removeShortLink(io, fragment.id, fragment.token);
        return;
      }
      const decoded = io.decodeShareHash(hash);
      if (decoded.kind === 'none') return;
      if (decoded.kind === 'error') {
        setFragment('');
        notify({ kind: 'alert', title: NOT_OPENED, message: unchanged(decoded.message) });
        return;
      }
      await openShared(io, decoded.scenario, linkView(hash));
    },
    [askToDelete, notify, openShared, openShortLink, removeShortLink],
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

  // The access gate passed: the short link that waited for it opens now.
  const wasLocked = useRef(locked);
  useEffect(() => {
    const unlocked = wasLocked.current && !locked;
    wasLocked.current = locked;
    const waiting = waitingForAccess.current;
    if (!unlocked || waiting === null) return;
    waitingForAccess.current = null;
    void openLink(waiting);
  }, [locked, openLink]);

  /** `view`: the link opens in the presenter view or its replay (else in the workbench). */
  const share = useCallback(
    async (view: LinkView | null = null) => {
      const io = await scenarioIoOrAlert(notify, 'Not shared');
      if (!io) return;
      sharedView.current = view;
      const { scenario, invalidToolsText } = store.getState().snapshot();
      const offer = (recommended: boolean) => ({ expiryChoices: io.EXPIRY_CHOICES, recommended });
      const tooLarge = io.linkTooLarge(scenario);
      if (tooLarge) {
        notify({ kind: 'too-large', ...tooLarge, shortLink: offer(true) });
        return;
      }
      const fragment = withView(io.encodeScenario(scenario), view);
      const link = io.shareUrl(pageBase(), scenario, view);
      setFragment(fragment);
      ownFragment.current = { fragment, encoded: io.encodeScenario(scenario) };
      const copied = await copyText(link);
      notify({
        kind: 'share',
        link,
        view,
        copied,
        lastValidTools: invalidToolsText !== null,
        leavesOutRecords: scenario.inspector.length > 0,
        leavesOutCaseConversations: io.scorecardLeftOut(scenario),
        shortLink: offer(link.length > io.SHORT_LINK_OFFER_CHARS),
      });
    },
    [notify, store],
  );

  /** Encrypts the scenario here, uploads the ciphertext, and shares `#k=<id>.<key>`; on any failure nothing changes. */
  const makeShortLink = useCallback(
    async (expiresInDays: number | null) => {
      const io = await scenarioIoOrAlert(notify, 'No short link made');
      if (!io) return;
      notify({ kind: 'short-link-busy', message: 'Encrypting and uploading…' });
      const { scenario } = store.getState().snapshot();
      let sealed: Awaited<ReturnType<ScenarioIo['sealScenario']>>;
      try {
        sealed = await io.sealScenario(scenario);
      } catch (error) {
        notify({ kind: 'alert', title: 'No short link made', message: error instanceof Error ? error.message : String(error) });
        return;
      }
      const created = await io.createShortLink(sealed.ciphertext, expiresInDays);
      if (!created.ok) {
        notify({ kind: 'alert', title: 'No short link made', message: created.message });
        return;
      }
      const { id, delete_token: token, expires_at: expiresAt } = created.value;
      const view = sharedView.current;
      const fragment = io.shortLinkFragment(id, sealed.key, view);
      const link = io.shortLinkUrl(pageBase(), id, sealed.key, view);
      setFragment(fragment);
      ownFragment.current = { fragment, encoded: io.encodeScenario(scenario) };
      made.current = { id, token };
      const copied = await copyText(link);
      notify({ kind: 'short-link', link, deleteLink: io.deleteLinkUrl(pageBase(), id, token), expiresAt, copied });
    },
    [notify, store],
  );

  /** "Delete the short link" in its notice: asks, then deletes the one made last. */
  const deleteShortLink = useCallback(async () => {
    const own = made.current;
    const io = loadedScenarioIo();
    if (!own || !io) return;
    if (await askToDelete('Anyone who opens the short link afterwards is told it does not exist. The scenario open here stays as it is.')) await removeShortLink(io, own.id, own.token);
  }, [askToDelete, removeShortLink]);

  // After the work was kept: the link in the address bar no longer shows the scenario once it changed.
  useEffect(
    () =>
      session.onWorkKept((scenario: Scenario) => {
        const own = ownFragment.current;
        const io = loadedScenarioIo();
        if (!own || !io || window.location.hash !== `#${own.fragment}`) return;
        if (io.encodeScenario(scenario) !== own.encoded) {
          setFragment('');
          ownFragment.current = null;
        }
      }),
    [session],
  );

  return { share, makeShortLink, deleteShortLink };
}
