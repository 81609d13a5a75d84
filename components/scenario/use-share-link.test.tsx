/**
 * Short links in the page (use-share-link.ts) against a stubbed /api/v1/links: made, copied into the
 * address bar and deleted; opened on load; a failure leaves the scenario as it was; a link that needs
 * the access token opens once the gate is passed; a delete link asks first.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toBase64url } from '@/lib/links/base64url';
import { sealScenario } from '@/lib/links/seal';
import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from '@/lib/scenario/base';
import { createPlaygroundStore } from '@/lib/store/playground-store';
import type { Ask } from './confirm';
import { useShareLink } from './use-share-link';
import type { WorkSession } from './use-work-session';

vi.mock('./scenario-io-loader', async () => {
  const io = await import('./scenario-io');
  return { scenarioIoOrAlert: async () => io, loadedScenarioIo: () => io, loadScenarioIo: async () => io };
});

const ID = 'AbCdEfGhIjKlMn-_';
const TOKEN = 'dG9rZW4tdG9rZW4tdG9rZW4tdG9rZW4t';
const SHARED: Scenario = { ...cloneScenario(DEFAULT_SCENARIO), name: 'The team’s secret scenario' };

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const apiError = (status: number, code: string, message: string) => json({ error: { message, type: 'invalid_request_error', code } }, status);

function setup({ answer = 'delete' as string, locked = false } = {}) {
  const store = createPlaygroundStore(cloneScenario(DEFAULT_SCENARIO), { lintNow: (text) => ({ tools: JSON.parse(text), problems: [], errorCount: 0 }) });
  const replace = vi.fn(async ({ scenario }: { scenario: Scenario }) => {
    store.getState().open({ scenario });
    return true;
  });
  const session = { restore: async () => {}, replace, onWorkKept: () => () => {} } as unknown as WorkSession;
  const ask = vi.fn(async () => answer) as unknown as Ask & ReturnType<typeof vi.fn>;
  const notify = vi.fn();
  const hook = renderHook((props: { locked: boolean }) => useShareLink({ store, session, ask, notify, onView: () => {}, locked: props.locked }), { initialProps: { locked } });
  const lastNotice = () => notify.mock.calls.at(-1)?.[0];
  return { store, replace, ask, notify, hook, lastNotice };
}

const fetcher = vi.fn<typeof fetch>();
beforeEach(() => {
  fetcher.mockReset();
  vi.stubGlobal('fetch', fetcher);
  window.history.replaceState(null, '', '/');
});
afterEach(() => vi.unstubAllGlobals());

describe('making a short link', () => {
  it('uploads ciphertext only, puts #k=<id>.<key> in the address bar, and its notice deletes it (asking first)', async () => {
    const { hook, store, lastNotice, ask } = setup();
    store.getState().open({ scenario: SHARED });
    fetcher.mockResolvedValueOnce(json({ id: ID, delete_token: TOKEN, expires_at: null, bytes: 100 }, 201));
    await act(() => hook.result.current.makeShortLink(7));
    const [, init] = fetcher.mock.calls[0];
    const body = JSON.parse(String(init?.body)) as { ciphertext: string; expires_in_days: number };
    expect(body.expires_in_days).toBe(7);
    expect(Object.keys(body)).toEqual(['ciphertext', 'expires_in_days']);
    expect(atob(body.ciphertext.replace(/-/g, '+').replace(/_/g, '/'))).not.toContain('secret scenario');
    expect(window.location.hash).toMatch(new RegExp(`^#k=${ID}\\.[A-Za-z0-9_-]{22}$`));
    expect(lastNotice()).toMatchObject({ kind: 'short-link', link: `http://localhost:3000/${window.location.hash}`, deleteLink: `http://localhost:3000/#kd=${ID}.${TOKEN}`, expiresAt: null });

    fetcher.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await act(() => hook.result.current.deleteShortLink());
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ title: 'Delete the short link?' }));
    expect(fetcher.mock.calls[1][1]).toMatchObject({ method: 'DELETE', headers: { 'x-delete-token': TOKEN } });
    expect(window.location.hash).toBe('');
    expect(lastNotice()).toEqual({ kind: 'status', message: 'Deleted the short link: anyone who opens it now is told it does not exist.' });
  });

  it('a refusal (rate limited) is an alert with the server’s message, and nothing changes', async () => {
    const { hook, store, lastNotice } = setup();
    const before = store.getState().snapshot().scenario;
    fetcher.mockResolvedValueOnce(apiError(429, 'rate_limited', 'Too many requests: wait 20 s and retry.'));
    await act(() => hook.result.current.makeShortLink(null));
    expect(lastNotice()).toEqual({ kind: 'alert', title: 'No short link made', message: 'Too many requests: wait 20 s and retry.' });
    expect(window.location.hash).toBe('');
    expect(store.getState().snapshot().scenario).toEqual(before);
  });

  it('Share offers it: up front for a link too long for chat', async () => {
    const { hook, store, lastNotice } = setup();
    store.getState().open({ scenario: { ...SHARED, system: Array.from({ length: 400 }, (_, i) => `rule ${i * 7919}`).join('; ') } });
    await act(() => hook.result.current.share());
    expect(lastNotice()).toMatchObject({ kind: 'share', shortLink: { recommended: true, expiryChoices: [null, 1, 7, 30, 365] } });
    store.getState().open({ scenario: SHARED });
    await act(() => hook.result.current.share());
    expect(lastNotice()).toMatchObject({ kind: 'share', shortLink: { recommended: false } });
  });
});

describe('opening a short link', () => {
  async function stored(scenario: Scenario) {
    const sealed = await sealScenario(scenario);
    return { key: sealed.key, answer: () => json({ id: ID, ciphertext: toBase64url(sealed.ciphertext), created_at: '2026-12-02T10:00:00.000Z', expires_at: null }) };
  }

  it('on load: fetched, decrypted, opened as a #s= link is, and the fragment cleared', async () => {
    const { key, answer } = await stored(SHARED);
    window.history.replaceState(null, '', `/#k=${ID}.${key}`);
    fetcher.mockImplementation(async () => answer());
    const { replace, store, lastNotice } = setup();
    await waitFor(() => expect(replace).toHaveBeenCalled());
    expect(fetcher.mock.calls[0][0]).toBe(`/api/v1/links/${ID}`);
    expect(store.getState().snapshot().scenario.name).toBe(SHARED.name);
    await waitFor(() => expect(lastNotice()).toEqual({ kind: 'status', message: `Opened the shared scenario “${SHARED.name}”.` }));
    expect(window.location.hash).toBe('');
  });

  it('a missing link says so, and the work stays', async () => {
    window.history.replaceState(null, '', `/#k=${ID}.${'A'.repeat(22)}`);
    fetcher.mockResolvedValue(apiError(404, 'link_not_found', 'This short link does not exist: it was never made here, its creator deleted it.'));
    const { replace, lastNotice } = setup();
    await waitFor(() => expect(lastNotice()?.kind).toBe('alert'));
    expect(lastNotice().message).toBe('This short link does not exist: it was never made here, its creator deleted it. Nothing you had open was changed.');
    expect(replace).not.toHaveBeenCalled();
    expect(window.location.hash).toBe('');
  });

  it('needing the access token: it says so, keeps the link, and opens it once the gate is passed', async () => {
    const { key, answer } = await stored(SHARED);
    window.history.replaceState(null, '', `/#k=${ID}.${key}`);
    fetcher.mockResolvedValueOnce(apiError(401, 'access_token_required', 'This playground needs an access token.'));
    const { hook, replace, lastNotice } = setup({ locked: false });
    await waitFor(() => expect(lastNotice()?.message).toMatch(/needs its access token first: enter it in the dialog, and the short link opens/));
    expect(window.location.hash).toBe(`#k=${ID}.${key}`);
    fetcher.mockImplementation(async () => answer());
    hook.rerender({ locked: true });
    hook.rerender({ locked: false });
    await waitFor(() => expect(replace).toHaveBeenCalled());
    expect(fetcher).toHaveBeenCalledTimes(2);
  });
});

describe('a delete link (#kd=)', () => {
  it('leaves the address bar at once, asks, and deletes only when told to', async () => {
    window.history.replaceState(null, '', `/#kd=${ID}.${TOKEN}`);
    const kept = setup({ answer: 'keep' });
    await waitFor(() => expect(kept.ask).toHaveBeenCalledWith(expect.objectContaining({ title: 'Delete the short link?' })));
    expect(window.location.hash).toBe('');
    expect(fetcher).not.toHaveBeenCalled();
    kept.hook.unmount();

    window.history.replaceState(null, '', `/#kd=${ID}.${TOKEN}`);
    fetcher.mockResolvedValueOnce(new Response(null, { status: 204 }));
    const deleted = setup({ answer: 'delete' });
    await waitFor(() => expect(deleted.lastNotice()?.message).toMatch(/^Deleted the short link/));
    expect(fetcher.mock.calls[0][1]).toMatchObject({ method: 'DELETE', headers: { 'x-delete-token': TOKEN } });
  });
});
