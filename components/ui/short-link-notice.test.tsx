import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXPIRY_CHOICES } from '@/lib/links/types';
import { NoticeBar, type Notice } from './notice-bar';
import { ENCRYPTION_NOTE, expiryWords } from './short-link-notice';

function show(notice: Notice) {
  const handlers = { onDismiss: vi.fn(), onExportJson: vi.fn(), onMakeShortLink: vi.fn(), onDeleteShortLink: vi.fn() };
  render(<NoticeBar notice={notice} {...handlers} />);
  return handlers;
}

const LONG_LINK = `http://127.0.0.1:3000/#s=2.${'N4Ig'.repeat(600)}`;
const SHORT = 'http://127.0.0.1:3000/#k=AbCdEfGhIjKlMn-_.Q2xlYXJseSBhIGtleSEhIQ';
const DELETE = 'http://127.0.0.1:3000/#kd=AbCdEfGhIjKlMn-_.dG9rZW4tdG9rZW4tdG9rZW4tdG9rZW4t';
const offer = (recommended: boolean) => ({ expiryChoices: EXPIRY_CHOICES, recommended });

describe('the Share notice offers a short link', () => {
  afterEach(() => vi.useRealTimers());

  it('a long link: says why, with the expiry choices and what encryption means; the choice is passed on', async () => {
    const user = userEvent.setup();
    const { onMakeShortLink } = show({ kind: 'share', link: LONG_LINK, copied: true, shortLink: offer(true) });
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Links this long are often cut off by chat apps and mail clients');
    expect(status.textContent).toContain(ENCRYPTION_NOTE);
    const expires = within(status).getByRole('combobox', { name: 'Expires' });
    expect(within(expires).getAllByRole('option').map((option) => option.textContent)).toEqual(['Never', '1 day', '7 days', '30 days', '1 year']);
    await user.selectOptions(expires, '7 days');
    await user.click(within(status).getByRole('button', { name: 'Make a short link' }));
    expect(onMakeShortLink).toHaveBeenCalledWith(7);
  });

  it('Never is passed as null', async () => {
    const user = userEvent.setup();
    const { onMakeShortLink } = show({ kind: 'share', link: LONG_LINK, copied: true, shortLink: offer(true) });
    await user.click(screen.getByRole('button', { name: 'Make a short link' }));
    expect(onMakeShortLink).toHaveBeenCalledWith(null);
  });

  it('a long link’s notice stays until dismissed (the choice is still to make); a short one goes by itself, offering it on request', () => {
    vi.useFakeTimers();
    const long = show({ kind: 'share', link: LONG_LINK, copied: true, shortLink: offer(true) });
    act(() => vi.advanceTimersByTime(60_000));
    expect(long.onDismiss).not.toHaveBeenCalled();
    const shortNotice = show({ kind: 'share', link: 'http://127.0.0.1:3000/#s=2.N4Ig', copied: true, shortLink: offer(false) });
    expect(screen.getAllByRole('button', { name: 'Make a short link' })).toHaveLength(2);
    expect(screen.getAllByRole('status')[1].textContent).not.toContain('Links this long');
    act(() => vi.advanceTimersByTime(12_000));
    expect(shortNotice.onDismiss).toHaveBeenCalledTimes(1);
  });

  it('a scenario too large for a #s= link: the short link is the way out, Export .json still there', async () => {
    const user = userEvent.setup();
    const { onMakeShortLink, onExportJson } = show({ kind: 'too-large', what: 'link', chars: 40_000, max: 32_000, shortLink: offer(true) });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('This scenario is too large for a link. Its link would be 40,000 characters; links hold at most 32,000. Make a short link instead, or export it as a .json file');
    await user.selectOptions(within(alert).getByRole('combobox', { name: 'Expires' }), '1 year');
    await user.click(within(alert).getByRole('button', { name: 'Make a short link' }));
    expect(onMakeShortLink).toHaveBeenCalledWith(365);
    await user.click(within(alert).getByRole('button', { name: 'Export .json' }));
    expect(onExportJson).toHaveBeenCalledTimes(1);
  });

  it('while it uploads, the notice says so and offers nothing to click twice', () => {
    show({ kind: 'short-link-busy', message: 'Encrypting and uploading…' });
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Encrypting and uploading…');
    expect(within(status).queryByRole('button')).toBeNull();
  });
});

describe('the short link made', () => {
  afterEach(() => vi.useRealTimers());

  it('says it was copied with its expiry, shows it, and stays until dismissed', () => {
    vi.useFakeTimers();
    const expiresAt = '2027-01-08T10:00:00.000Z';
    const { onDismiss } = show({ kind: 'short-link', link: SHORT, deleteLink: DELETE, expiresAt, copied: true });
    const status = screen.getByRole('status');
    expect(status.textContent).toContain(`Short link copied — ${expiryWords(expiresAt)}.`);
    expect(expiryWords(expiresAt)).toMatch(/^expires on \d+ Jan 2027/);
    expect(within(status).getByRole<HTMLInputElement>('textbox', { name: 'Short link' }).value).toBe(SHORT);
    act(() => vi.advanceTimersByTime(60_000));
    expect(onDismiss).not.toHaveBeenCalled();
  });

  it('a link kept until deleted says so', () => {
    show({ kind: 'short-link', link: SHORT, deleteLink: DELETE, expiresAt: null, copied: true });
    expect(screen.getByRole('status').textContent).toContain('Short link copied — kept until deleted.');
  });

  it('not copied: the link is selected, ready to copy by hand', () => {
    show({ kind: 'short-link', link: SHORT, deleteLink: DELETE, expiresAt: null, copied: false });
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'Short link' });
    expect(screen.getByRole('status').textContent).toContain('Copy this short link');
    expect(document.activeElement).toBe(field);
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, SHORT.length]);
  });

  it('"Copy delete link" copies the #kd= link and says so', async () => {
    const user = userEvent.setup();
    show({ kind: 'short-link', link: SHORT, deleteLink: DELETE, expiresAt: null, copied: true });
    await user.click(screen.getByRole('button', { name: 'Copy delete link' }));
    expect(await navigator.clipboard.readText()).toBe(DELETE);
    expect(screen.getByRole('status').textContent).toContain('Delete link copied: opening it deletes the short link.');
  });

  it('a delete link the browser would not copy is shown, selected', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('not allowed'));
    show({ kind: 'short-link', link: SHORT, deleteLink: DELETE, expiresAt: null, copied: true });
    await user.click(screen.getByRole('button', { name: 'Copy delete link' }));
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: /the delete link/ });
    expect(field.value).toBe(DELETE);
    expect(document.activeElement).toBe(field);
  });

  it('"Delete the short link" asks the page to delete it', async () => {
    const user = userEvent.setup();
    const { onDeleteShortLink } = show({ kind: 'short-link', link: SHORT, deleteLink: DELETE, expiresAt: null, copied: true });
    await user.click(screen.getByRole('button', { name: 'Delete the short link' }));
    expect(onDeleteShortLink).toHaveBeenCalledTimes(1);
  });
});
